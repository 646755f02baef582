# === subscripts with None Ellipsis slices and tuples
class Probe:
    def __getitem__(self, key):
        return key
p = Probe()
print(p[None], p[...], p[1:2], p[::2], p[:, None], p[..., 0], p[1, 2:3, ::-1], p[()], p[(1,)], p[-1])
# === index protocol in slices and lists
class Idx:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v
data = list(range(10))
print(data[Idx(3)], data[Idx(1):Idx(4)], [0] * Idx(2), range(Idx(3)), hex(Idx(255)), 'abc'[Idx(1)])
# === property deleter and class level access
class Thing:
    def __init__(self):
        self._v = 1
    @property
    def v(self):
        return self._v
    @v.deleter
    def v(self):
        print('deleting')
        del self._v
t = Thing()
del t.v
print(hasattr(t, '_v'), Thing.v.fget.__name__, isinstance(Thing.v, property))
# === classmethod calling super and alternate constructors
class Base:
    def __init__(self, value):
        self.value = value
    @classmethod
    def create(cls, value):
        return cls(value)
class Child(Base):
    @classmethod
    def create(cls, value):
        obj = super().create(value * 2)
        obj.tag = 'child'
        return obj
c = Child.create(5)
print(type(c).__name__, c.value, c.tag)
# === __new__ override and singletons
class Single:
    _inst = None
    def __new__(cls, *args):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
    def __init__(self, x):
        self.x = x
a = Single(1)
b = Single(2)
print(a is b, a.x)
class PosInt(int):
    def __new__(cls, v):
        return super().__new__(cls, abs(v))
    def double(self):
        return self * 2
n = PosInt(-4)
print(n, n + 1, n.double(), isinstance(n, int), type(n).__name__, repr(n))
class Name(str):
    def shout(self):
        return self.upper() + '!'
s = Name('hi')
print(s, s.shout(), s + '?', len(s), s == 'hi', type(s).__name__, {s: 1}['hi'])
# === dict and list subclasses
class Registry(dict):
    def __missing__(self, key):
        return f'<{key}>'
    def register(self, k, v):
        self[k] = v
        return self
r = Registry(a=1).register('b', 2)
print(r['a'], r['zzz'], r, len(r), isinstance(r, dict), dict(r))
class Stack(list):
    def push(self, x):
        self.append(x)
        return self
st = Stack([1]).push(2).push(3)
print(st, st[-1], len(st), st + [4], isinstance(st, list), sum(st))
# === iter with sentinel and next default
it = iter([1, 2, 3, 0, 5].pop, 0)
vals = iter(range(3))
print(list(it), next(vals), next(vals), next(vals), next(vals, 'done'))
# === locals vars dir globals
def scope(a, b=2):
    c = a + b
    return sorted(locals().items())
print(scope(1), 'scope' in globals(), sorted(k for k in vars(Thing()) if not k.startswith('__')))
print('append' in dir([]), '__len__' in dir(list), [n for n in dir(Base) if not n.startswith('_')])
# === callable and id and hash consistency
class Fn:
    def __call__(self):
        return 1
print(callable(len), callable(Fn()), callable(Fn), callable(3), id(Fn) == id(Fn), hash((1, 'a')) == hash((1, 'a')), hash(1.0) == hash(1))
# === exceptions with args and str
e = OSError(2, 'No such file')
print(e.args, str(ValueError('a', 1)), repr(RuntimeError()), str(KeyError('x')), KeyError('x').args[0])
# === exception in __init__ propagates with line
class Layer:
    def __init__(self, dim):
        if dim <= 0:
            raise ValueError(f'dim must be positive, got {dim}')
        self.dim = dim
layers = [Layer(d) for d in (4, 8, 0)]
# === generators and iterators as model code uses them
def named_children(d):
    for k, v in d.items():
        yield k, v
def named_modules(d, prefix=''):
    yield prefix, d
    for name, child in named_children(d):
        if isinstance(child, dict):
            yield from named_modules(child, prefix + ('.' if prefix else '') + name)
tree = {'a': {'b': {}, 'c': 1}, 'd': {}}
print([name for name, _ in named_modules(tree)], dict(named_children({'x': 1})), sum(1 for _ in named_modules(tree)))
# === zip strict and enumerate start
print(list(zip('ab', [1, 2], strict=True)), list(enumerate('xy', start=10)))
try:
    list(zip('abc', [1], strict=True))
except ValueError as e:
    print(e)
# === string building for reprs
class Conv:
    def __init__(self, cin, cout, k, stride=1, bias=True):
        self.cin, self.cout, self.k, self.stride, self.bias = cin, cout, (k, k), (stride, stride), bias
    def extra_repr(self):
        s = '{cin}, {cout}, kernel_size={k}, stride={stride}'
        if not self.bias:
            s += ', bias=False'
        return s.format(**self.__dict__)
    def __repr__(self):
        return f'{type(self).__name__}({self.extra_repr()})'
lines = [repr(Conv(3, 64, 7, 2, False)), repr(Conv(64, 64, 3))]
print('Sequential(\n' + '\n'.join('  (' + str(i) + '): ' + l for i, l in enumerate(lines)) + '\n)')
# === numeric helpers used in model code
import math
dim, heads = 512, 8
head_dim = dim // heads
scale = head_dim ** -0.5
print(head_dim, scale, 1 / math.sqrt(head_dim), int(math.ceil(224 / 16)), round(0.1 * 3, 2), max(1, 3 // 2), float('1e-5'), 1e-5 == 0.00001)
print(divmod(17, 5), 2 ** 0.5, abs(-2 ** 2), -2 ** 2, (-2) ** 2, 10 % 3 ** 2, 7 // 2 * 2, 1 - 2 - 3, 2 ** 3 ** 2)
# === keyword argument errors from classes
class Model:
    def __init__(self, n_layers, *, dropout=0.1):
        pass
Model(2, 0.5)
