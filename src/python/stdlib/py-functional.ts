// `functools`, `operator` and `itertools` in Python (itertools as generators, so the infinite
// ones advance lazily and count toward the step budget as they run).

export const functoolsSource = String.raw`
WRAPPER_ASSIGNMENTS = ("__module__", "__name__", "__qualname__", "__doc__", "__annotations__")
WRAPPER_UPDATES = ("__dict__",)
_initial_missing = object()

def reduce(function, sequence, initial=_initial_missing):
    it = iter(sequence)
    if initial is _initial_missing:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError("reduce() of empty iterable with no initial value") from None
    else:
        value = initial
    for element in it:
        value = function(value, element)
    return value

class partial:
    def __new__(cls, func, /, *args, **keywords):
        if not callable(func):
            raise TypeError("the first argument must be callable")
        if isinstance(func, partial):
            args = func.args + args
            keywords = {**func.keywords, **keywords}
            func = func.func
        self = super().__new__(cls)
        self.func = func
        self.args = args
        self.keywords = keywords
        return self
    def __call__(self, /, *args, **keywords):
        keywords = {**self.keywords, **keywords}
        return self.func(*self.args, *args, **keywords)
    def __repr__(self):
        parts = [repr(self.func)]
        parts.extend(repr(x) for x in self.args)
        parts.extend(f"{k}={v!r}" for (k, v) in self.keywords.items())
        return f"functools.partial({', '.join(parts)})"

class partialmethod:
    def __init__(self, func, /, *args, **keywords):
        self.func = func
        self.args = args
        self.keywords = keywords
    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        return partial(self.func, obj, *self.args, **self.keywords)

def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    for attr in assigned:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            pass
        else:
            try:
                setattr(wrapper, attr, value)
            except AttributeError:
                pass
    for attr in updated:
        try:
            getattr(wrapper, attr).update(getattr(wrapped, attr, {}))
        except AttributeError:
            pass
    wrapper.__wrapped__ = wrapped
    return wrapper

def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    return partial(update_wrapper, wrapped=wrapped, assigned=assigned, updated=updated)

_cache_info_type = []

def _CacheInfo(*values):
    if not _cache_info_type:
        from collections import namedtuple
        _cache_info_type.append(namedtuple("CacheInfo", ["hits", "misses", "maxsize", "currsize"]))
    return _cache_info_type[0](*values)

_kwd_mark = object()

def _make_key(args, kwds):
    key = args
    if kwds:
        key += (_kwd_mark,)
        for item in kwds.items():
            key += item
    if len(key) == 1 and type(key[0]) in (int, str):
        return key[0]
    return key

def lru_cache(maxsize=128, typed=False):
    if callable(maxsize) and not isinstance(maxsize, bool):
        return lru_cache(128, typed)(maxsize)
    def decorating_function(user_function):
        cache = {}
        stats = [0, 0]
        def wrapper(*args, **kwds):
            key = _make_key(args, kwds)
            if key in cache:
                stats[0] += 1
                value = cache.pop(key)
                cache[key] = value
                return value
            stats[1] += 1
            result = user_function(*args, **kwds)
            cache[key] = result
            if maxsize is not None and len(cache) > maxsize:
                del cache[next(iter(cache))]
            return result
        def cache_info():
            return _CacheInfo(stats[0], stats[1], maxsize, len(cache))
        def cache_clear():
            cache.clear()
            stats[0] = stats[1] = 0
        wrapper.cache_info = cache_info
        wrapper.cache_clear = cache_clear
        return update_wrapper(wrapper, user_function)
    return decorating_function

def cache(user_function):
    return lru_cache(maxsize=None)(user_function)

class cached_property:
    def __init__(self, func):
        self.func = func
        self.attrname = None
        self.__doc__ = func.__doc__
    def __set_name__(self, owner, name):
        self.attrname = name
    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        name = self.attrname or self.func.__name__
        d = instance.__dict__
        if name in d:
            return d[name]
        val = self.func(instance)
        d[name] = val
        return val

def total_ordering(cls):
    roots = {op for op in ("__lt__", "__le__", "__gt__", "__ge__") if getattr(cls, op, None) is not getattr(object, op, None)}
    if not roots:
        raise ValueError("must define at least one ordering operation: < > <= >=")
    root = max(roots)
    derived = {
        "__lt__": {"__gt__": lambda s, o: _notimpl(s.__lt__(o), lambda r: not r and s != o),
                   "__le__": lambda s, o: _notimpl(s.__lt__(o), lambda r: r or s == o),
                   "__ge__": lambda s, o: _notimpl(s.__lt__(o), lambda r: not r)},
        "__le__": {"__ge__": lambda s, o: _notimpl(s.__le__(o), lambda r: not r or s == o),
                   "__lt__": lambda s, o: _notimpl(s.__le__(o), lambda r: r and s != o),
                   "__gt__": lambda s, o: _notimpl(s.__le__(o), lambda r: not r)},
        "__gt__": {"__lt__": lambda s, o: _notimpl(s.__gt__(o), lambda r: not r and s != o),
                   "__ge__": lambda s, o: _notimpl(s.__gt__(o), lambda r: r or s == o),
                   "__le__": lambda s, o: _notimpl(s.__gt__(o), lambda r: not r)},
        "__ge__": {"__le__": lambda s, o: _notimpl(s.__ge__(o), lambda r: not r or s == o),
                   "__gt__": lambda s, o: _notimpl(s.__ge__(o), lambda r: r and s != o),
                   "__lt__": lambda s, o: _notimpl(s.__ge__(o), lambda r: not r)},
    }[root]
    for name, fn in derived.items():
        if name not in roots:
            fn.__name__ = name
            setattr(cls, name, fn)
    return cls

def _notimpl(r, f):
    return r if r is NotImplemented else f(r)

def cmp_to_key(mycmp):
    class K:
        __slots__ = ["obj"]
        def __init__(self, obj):
            self.obj = obj
        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0
        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0
        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0
        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0
        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0
        __hash__ = None
    return K

def singledispatch(func):
    registry = {object: func}
    def dispatch(cls):
        for c in cls.__mro__:
            if c in registry:
                return registry[c]
        return func
    def register(cls, f=None):
        if f is None:
            return lambda f: register(cls, f)
        registry[cls] = f
        return f
    def wrapper(*args, **kw):
        return dispatch(args[0].__class__)(*args, **kw)
    wrapper.register = register
    wrapper.dispatch = dispatch
    wrapper.registry = registry
    update_wrapper(wrapper, func)
    return wrapper
`;

export const operatorSource = String.raw`
import builtins as _builtins

def lt(a, b): return a < b
def le(a, b): return a <= b
def eq(a, b): return a == b
def ne(a, b): return a != b
def ge(a, b): return a >= b
def gt(a, b): return a > b
def not_(a): return not a
def truth(a): return True if a else False
def is_(a, b): return a is b
def is_not(a, b): return a is not b
def abs(a): return _builtins.abs(a)
def add(a, b): return a + b
def and_(a, b): return a & b
def floordiv(a, b): return a // b
def index(a): return a.__index__()
def inv(a): return ~a
invert = inv
def lshift(a, b): return a << b
def mod(a, b): return a % b
def mul(a, b): return a * b
def matmul(a, b): return a @ b
def neg(a): return -a
def or_(a, b): return a | b
def pos(a): return +a
def pow(a, b): return a ** b
def rshift(a, b): return a >> b
def sub(a, b): return a - b
def truediv(a, b): return a / b
def xor(a, b): return a ^ b
def concat(a, b):
    if not hasattr(a, "__getitem__"):
        raise TypeError("'%s' object can't be concatenated" % type(a).__name__)
    return a + b
def contains(a, b): return b in a
def countOf(a, b): return sum(1 for x in a if x is b or x == b)
def delitem(a, b):
    del a[b]
def getitem(a, b): return a[b]
def indexOf(a, b):
    for i, j in enumerate(a):
        if j is b or j == b:
            return i
    raise ValueError("sequence.index(x): x not in sequence")
def setitem(a, b, c):
    a[b] = c
def length_hint(obj, default=0):
    try:
        return len(obj)
    except TypeError:
        return default
def iadd(a, b):
    a += b
    return a
def isub(a, b):
    a -= b
    return a
def imul(a, b):
    a *= b
    return a
def itruediv(a, b):
    a /= b
    return a
def imatmul(a, b):
    a @= b
    return a

class attrgetter:
    def __init__(self, attr, *attrs):
        self._attrs = (attr,) + attrs
    def __call__(self, obj):
        def get(o, name):
            for part in name.split("."):
                o = getattr(o, part)
            return o
        if len(self._attrs) == 1:
            return get(obj, self._attrs[0])
        return tuple(get(obj, a) for a in self._attrs)
    def __repr__(self):
        return "operator.attrgetter(%s)" % ", ".join(map(repr, self._attrs))

class itemgetter:
    def __init__(self, item, *items):
        self._items = (item,) + items
    def __call__(self, obj):
        if len(self._items) == 1:
            return obj[self._items[0]]
        return tuple(obj[i] for i in self._items)
    def __repr__(self):
        return "operator.itemgetter(%s)" % ", ".join(map(repr, self._items))

class methodcaller:
    def __init__(self, name, /, *args, **kwargs):
        self._name = name
        self._args = args
        self._kwargs = kwargs
    def __call__(self, obj):
        return getattr(obj, self._name)(*self._args, **self._kwargs)

__lt__ = lt
__le__ = le
__eq__ = eq
__ne__ = ne
__ge__ = ge
__gt__ = gt
__add__ = add
__sub__ = sub
__mul__ = mul
__matmul__ = matmul
__truediv__ = truediv
__floordiv__ = floordiv
__mod__ = mod
__neg__ = neg
__getitem__ = getitem
`;

export const itertoolsSource = String.raw`
def count(start=0, step=1):
    n = start
    while True:
        yield n
        n += step

def cycle(iterable):
    saved = []
    for element in iterable:
        yield element
        saved.append(element)
    while saved:
        for element in saved:
            yield element

def repeat(object, times=None):
    if times is None:
        while True:
            yield object
    else:
        for _ in range(times):
            yield object

def chain(*iterables):
    for it in iterables:
        yield from it

def _from_iterable(iterables):
    for it in iterables:
        yield from it

chain.from_iterable = _from_iterable

def islice(iterable, *args):
    s = slice(*args)
    start, stop, step = s.start or 0, s.stop, s.step or 1
    if start < 0 or (stop is not None and stop < 0):
        raise ValueError("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
    if step < 1:
        raise ValueError("Step for islice() must be a positive integer or None.")
    it = iter(iterable)
    nexti = start
    i = 0
    if stop is not None and stop <= start:
        return
    for element in it:
        if i == nexti:
            yield element
            nexti += step
        i += 1
        if stop is not None and i >= stop:
            return

def accumulate(iterable, func=None, *, initial=None):
    it = iter(iterable)
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    for element in it:
        total = func(total, element) if func is not None else total + element
        yield total

def product(*args, repeat=1):
    pools = [tuple(pool) for pool in args] * repeat
    result = [[]]
    for pool in pools:
        result = [x + [y] for x in result for y in pool]
    for prod in result:
        yield tuple(prod)

def permutations(iterable, r=None):
    pool = tuple(iterable)
    n = len(pool)
    r = n if r is None else r
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple(pool[i] for i in indices[:r])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple(pool[i] for i in indices[:r])
                break
        else:
            return

def combinations(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    if r > n:
        return
    indices = list(range(r))
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != i + n - r:
                break
        else:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple(pool[i] for i in indices)

def combinations_with_replacement(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    if not n and r:
        return
    indices = [0] * r
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != n - 1:
                break
        else:
            return
        indices[i:] = [indices[i] + 1] * (r - i)
        yield tuple(pool[i] for i in indices)

def groupby(iterable, key=None):
    keyfunc = (lambda x: x) if key is None else key
    it = iter(iterable)
    sentinel = object()
    current = next(it, sentinel)
    while current is not sentinel:
        k = keyfunc(current)
        group = [current]
        current = next(it, sentinel)
        while current is not sentinel and keyfunc(current) == k:
            group.append(current)
            current = next(it, sentinel)
        yield k, iter(group)

def zip_longest(*args, fillvalue=None):
    iterators = [iter(it) for it in args]
    num_active = len(iterators)
    if not num_active:
        return
    sentinel = object()
    while True:
        values = []
        for i, it in enumerate(iterators):
            value = next(it, sentinel)
            if value is sentinel:
                num_active -= 1
                if not num_active:
                    return
                iterators[i] = repeat(fillvalue)
                value = fillvalue
            values.append(value)
        yield tuple(values)

def starmap(function, iterable):
    for args in iterable:
        yield function(*args)

def takewhile(predicate, iterable):
    for x in iterable:
        if predicate(x):
            yield x
        else:
            break

def dropwhile(predicate, iterable):
    it = iter(iterable)
    for x in it:
        if not predicate(x):
            yield x
            break
    for x in it:
        yield x

def filterfalse(predicate, iterable):
    if predicate is None:
        predicate = bool
    for x in iterable:
        if not predicate(x):
            yield x

def compress(data, selectors):
    return (d for d, s in zip(data, selectors) if s)

def pairwise(iterable):
    it = iter(iterable)
    sentinel = object()
    a = next(it, sentinel)
    if a is sentinel:
        return
    for b in it:
        yield a, b
        a = b

def tee(iterable, n=2):
    items = list(iterable)
    return tuple(iter(items) for _ in range(n))

def batched(iterable, n):
    if n < 1:
        raise ValueError("n must be at least one")
    it = iter(iterable)
    while True:
        batch = tuple(islice(it, n))
        if not batch:
            return
        yield batch
`;
