// `functools` and `operator` in Python: partial, reduce, wraps, lru_cache, cached_property,
// total_ordering, ..., and the operator functions with itemgetter/attrgetter/methodcaller.

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
