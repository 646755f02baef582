# === typing annotations accepted
from typing import Optional, List, Dict, Tuple, Union, Any, Callable, TypeVar, Generic, Sequence, Iterable
T = TypeVar('T')
Shape = Tuple[int, ...]
def f(x: Optional[int] = None, y: List[Dict[str, Any]] = []) -> Tuple[int, ...]:
    return (x or 0,)
class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item: T = item
print(f(), f(3), Box(1).item, Optional[int], Union[int, str], List[int], Shape, T, Box[int], Callable[[int], int])
print(Optional[int] == Union[int, None], Union[int], isinstance([], Sequence), isinstance(3, Iterable))
# === typing NamedTuple and TYPE_CHECKING
from typing import NamedTuple, TYPE_CHECKING, cast
if TYPE_CHECKING:
    import numpy
class Pt(NamedTuple):
    x: int
    y: int = 0
    def total(self):
        return self.x + self.y
p = Pt(1)
print(p, p.total(), p._replace(y=5), cast(int, 'x'), Pt._fields, isinstance(p, tuple))
# === dataclasses
from dataclasses import dataclass, field, asdict, fields, replace
@dataclass
class Cfg:
    n_layer: int = 12
    n_head: int = 12
    dropout: float = 0.1
    names: list = field(default_factory=list)
    def __post_init__(self):
        self.dim = self.n_head * 64
c = Cfg(n_layer=6)
print(c, c.dim, asdict(c), [f.name for f in fields(c)], replace(c, n_head=2).n_head, c == Cfg(6), Cfg.n_layer)
@dataclass(frozen=True, order=True)
class Ver:
    major: int
    minor: int = 0
print(Ver(1) < Ver(1, 2), sorted([Ver(2), Ver(1, 5)]), hash(Ver(1)) == hash(Ver(1)))
try:
    Ver(1).major = 3
except Exception as e:
    print(type(e).__name__, e)
try:
    Cfg(1, 2, 3, [], 5)
except TypeError as e:
    print(e)
@dataclass
class Child(Cfg):
    extra: str = 'x'
print(Child(), Child(1, extra='y').extra)
# === dataclass missing argument
from dataclasses import dataclass
@dataclass
class Need:
    a: int
    b: int
Need(1)
# === dataclass mutable default
from dataclasses import dataclass
@dataclass
class Bad:
    items: list = []
# === functools
import functools
def power(base, exp):
    return base ** exp
square = functools.partial(power, exp=2)
print(square(5), functools.reduce(lambda a, b: a * b, [1, 2, 3, 4]), functools.reduce(lambda a, b: a + b, [], 0))
@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(60), fib.cache_info().hits > 0)
class Lazy:
    @functools.cached_property
    def value(self):
        print('computing')
        return 42
lz = Lazy()
print(lz.value, lz.value)
@functools.total_ordering
class Money:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
    def __lt__(self, o):
        return self.v < o.v
print(Money(1) <= Money(2), Money(3) > Money(2), Money(2) >= Money(2))
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
# === collections
from collections import OrderedDict, defaultdict, namedtuple, deque, Counter
od = OrderedDict()
od['b'] = 1
od['a'] = 2
od.move_to_end('b')
print(od, list(od), od.popitem(last=False), od, OrderedDict(), OrderedDict(x=1) == {'x': 1})
dd = defaultdict(list)
dd['k'].append(1)
dd['k'].append(2)
counts = defaultdict(int)
for ch in 'banana':
    counts[ch] += 1
print(dd, dict(counts), dd['missing'], len(dd))
Pair = namedtuple('Pair', ['left', 'right'])
pr = Pair(1, right=2)
print(pr, pr.left, pr[1], pr._asdict(), Pair._make([3, 4]), pr._replace(left=0), tuple(pr), Pair.__name__)
P3 = namedtuple('P3', 'a b c', defaults=[0])
print(P3(1, 2), P3._field_defaults)
q = deque([1, 2, 3])
q.appendleft(0); q.append(4); q.rotate(1)
print(q, q.popleft(), q.pop(), len(q), list(q), deque(range(5), maxlen=3))
cn = Counter('mississippi')
print(cn.most_common(2), cn['s'], cn['zz'], sum(cn.values()), Counter(a=1) + Counter(a=2, b=1))
# === namedtuple missing arg
from collections import namedtuple
P = namedtuple('P', 'x y')
P(1)
# === itertools
import itertools
print(list(itertools.chain([1, 2], (3,))), list(itertools.chain.from_iterable([[1], [2, 3]])), list(itertools.islice('abcdefg', 2, None, 2)))
print(list(itertools.product('ab', repeat=2)), list(itertools.permutations([1, 2, 3], 2)), list(itertools.combinations('abcd', 2)))
print(list(itertools.accumulate([1, 2, 3, 4])), [(k, list(g)) for k, g in itertools.groupby('aabbbc')], list(itertools.zip_longest('ab', 'x', fillvalue='-')))
print(list(itertools.repeat(7, 3)), list(itertools.starmap(pow, [(2, 3), (3, 2)])), list(itertools.takewhile(lambda x: x < 3, [1, 2, 5, 1])))
print(list(itertools.islice(itertools.cycle('ab'), 5)), list(itertools.islice(itertools.count(10, 5), 3)), list(itertools.pairwise([1, 2, 3])))
print(list(itertools.combinations_with_replacement([1, 2], 2)), list(itertools.dropwhile(lambda x: x < 3, [1, 4, 2])), list(itertools.compress('abc', [1, 0, 1])))
# === operator
import operator
print(operator.add(1, 2), operator.mul(3, 4), operator.itemgetter(1)([5, 6]), operator.itemgetter(0, 2)('abc'), operator.neg(3))
print(operator.attrgetter('real')(5), sorted([(1, 'b'), (2, 'a')], key=operator.itemgetter(1)), operator.methodcaller('upper')('x'), operator.truth([]))
# === copy and deepcopy
import copy
inner = [1, 2]
outer = {'a': inner, 'b': (inner, 3)}
shallow = copy.copy(outer)
deep = copy.deepcopy(outer)
inner.append(3)
print(shallow['a'], deep['a'], deep['b'][0] is deep['a'])
class Node:
    def __init__(self, v):
        self.v = v
        self.children = []
    def __deepcopy__(self, memo):
        print('custom deepcopy')
        n = Node(self.v * 10)
        return n
root = Node(1)
root.children.append(Node(2))
cp = copy.deepcopy([root])
print(cp[0].v, copy.copy(root).children is root.children)
class Plain:
    def __init__(self):
        self.items = [1]
pl = Plain()
pl2 = copy.deepcopy(pl)
pl2.items.append(2)
print(pl.items, pl2.items, type(pl2).__name__)
# === enum
import enum
class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    def describe(self):
        return self.name.lower()
class Mode(enum.IntEnum):
    TRAIN = enum.auto()
    EVAL = enum.auto()
print(Color.RED, repr(Color.GREEN), Color(3), Color['RED'], list(Color), len(Color), Color.RED.value, Color.BLUE.describe())
print(Mode.EVAL, Mode.TRAIN + 1, Mode(2) is Mode.EVAL, Color.RED in Color, isinstance(Color.RED, Color), Color.RED == 1, Mode.TRAIN == 1)
class Size(str, enum.Enum):
    SMALL = 'small'
    LARGE = 'large'
print(Size.SMALL == 'small', Size('large'), Size.SMALL.value, {Color.RED: 'r'}[Color.RED])
try:
    Color(7)
except ValueError as e:
    print(e)
# === random seeded
import random
random.seed(42)
print(random.random(), random.randint(1, 100), random.choice('abcde'), random.uniform(1, 2), random.randrange(0, 100, 5))
items = list(range(10))
random.shuffle(items)
print(items, random.sample(range(100), 3), random.gauss(0, 1), random.getrandbits(40))
random.seed(7)
a = [random.random() for _ in range(3)]
random.seed(7)
print(a == [random.random() for _ in range(3)])
rng = random.Random(123)
print(rng.random(), rng.randint(0, 9))
# === inspect signature
import inspect
def fn(a, b=2, *args, c, d=None, **kw):
    pass
class WithInit:
    def __init__(self, x, y=1):
        pass
sig = inspect.signature(fn)
print(sig, list(sig.parameters), sig.parameters['b'].default, inspect.signature(WithInit), inspect.isclass(WithInit), inspect.isfunction(fn))
print(inspect.signature(lambda x, /, y: 0), inspect.signature(WithInit(1).__init__))
# === warnings do not stop the program
import warnings
warnings.warn('deprecated thing', DeprecationWarning)
warnings.warn('plain warning')
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    warnings.warn('captured', UserWarning)
print('still running', len(caught), caught[0].message if caught else None)
warnings.simplefilter('error')
try:
    warnings.warn('now an error')
except UserWarning as e:
    print('raised', e)
# === contextlib
from contextlib import contextmanager, suppress, nullcontext
@contextmanager
def tag(name):
    print(f'<{name}>')
    try:
        yield name.upper()
    finally:
        print(f'</{name}>')
with tag('b') as t:
    print('inside', t)
with suppress(KeyError):
    {}['x']
with nullcontext(5) as v:
    print(v)
try:
    with tag('err'):
        raise ValueError('boom')
except ValueError as e:
    print('caught', e)
# === types and misc modules
import types, string, sys, os, time
ns = types.SimpleNamespace(a=1, b='x')
ns.c = 3
print(ns, ns.a, isinstance(len, types.BuiltinFunctionType), isinstance(lambda: 0, types.FunctionType))
print(string.ascii_lowercase[:5], string.digits, sys.version_info[0], sys.maxsize > 2 ** 31, os.path.join('a', 'b', 'c.py'), os.sep)
print(os.path.splitext('model.pt'), os.path.basename('/x/y.py'), os.path.dirname('/x/y.py'), type(time.time()).__name__)
# === logging goes to stderr
import logging
logger = logging.getLogger(__name__)
logger.info('not shown')
logger.warning('to stderr')
print('logging ok', logging.INFO, logger.name)
# === abc
from abc import ABC, abstractmethod
class Shape(ABC):
    @abstractmethod
    def area(self):
        pass
    @abstractmethod
    def perimeter(self):
        pass
class Sq(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
    def perimeter(self):
        return 4 * self.s
print(Sq(2).area(), isinstance(Sq(1), Shape))
try:
    Shape()
except TypeError as e:
    print(e)
# === json
import json
cfg = {'name': 'gpt', 'layers': 12, 'dropout': 0.1, 'flags': [True, False, None], 'nested': {'k': 'é', 'n': 1.0}, 3: 'int key'}
s = json.dumps(cfg)
print(s)
print(json.dumps(cfg, indent=2, sort_keys=False, ensure_ascii=False))
print(json.dumps([1, 2], separators=(',', ':')), json.dumps('a"b\n'), json.dumps(float('inf')), json.dumps((1, 2)))
back = json.loads(s)
print(back, type(back['dropout']).__name__, type(back['nested']['n']).__name__, json.loads('[1e3, -0, 12345678901234567890]'))
try:
    json.loads('{"a": }')
except json.JSONDecodeError as e:
    print(type(e).__name__, e, isinstance(e, ValueError))
try:
    json.dumps({'x': object()})
except TypeError as e:
    print(e)
