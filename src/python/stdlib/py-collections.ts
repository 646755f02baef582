// `collections` in Python: OrderedDict, defaultdict and Counter as dict subclasses, deque over a
// list, and namedtuple built without exec (its __new__ gets a real signature from _nnlens).

export const collectionsSource = String.raw`
import _nnlens
import collections.abc as abc
from operator import itemgetter as _itemgetter
import sys as _sys

class OrderedDict(dict):
    def move_to_end(self, key, last=True):
        value = self.pop(key)
        if last:
            self[key] = value
        else:
            rest = list(self.items())
            self.clear()
            self[key] = value
            self.update(rest)
    def popitem(self, last=True):
        if not self:
            raise KeyError("dictionary is empty")
        key = next(reversed(self)) if last else next(iter(self))
        return key, self.pop(key)
    def __repr__(self):
        if not self:
            return f"{self.__class__.__name__}()"
        return f"{self.__class__.__name__}({list(self.items())!r})"
    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return dict.__eq__(self, other) and list(self) == list(other)
        return dict.__eq__(self, other)
    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r
    __hash__ = None
    def copy(self):
        return self.__class__(self)
    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.__class__(self)
        new.update(other)
        return new
    def __copy__(self):
        return self.__class__(self)

class defaultdict(dict):
    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        super().__init__(*args, **kwargs)
        self.default_factory = default_factory
    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        self[key] = value = self.default_factory()
        return value
    def __repr__(self):
        return f"{self.__class__.__name__}({self.default_factory!r}, {dict.__repr__(self)})"
    def copy(self):
        return type(self)(self.default_factory, self)
    __copy__ = copy

class Counter(dict):
    def __init__(self, iterable=None, /, **kwds):
        super().__init__()
        self.update(iterable, **kwds)
    def __missing__(self, key):
        return 0
    def total(self):
        return sum(self.values())
    def most_common(self, n=None):
        items = sorted(self.items(), key=_itemgetter(1), reverse=True)
        return items if n is None else items[:n]
    def elements(self):
        for elem, count in self.items():
            for _ in range(count):
                yield elem
    def update(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                for elem, count in iterable.items():
                    self[elem] = self.get(elem, 0) + count
            else:
                for elem in iterable:
                    self[elem] = self.get(elem, 0) + 1
        if kwds:
            self.update(kwds)
    def subtract(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                for elem, count in iterable.items():
                    self[elem] = self.get(elem, 0) - count
            else:
                for elem in iterable:
                    self[elem] = self.get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)
    def copy(self):
        return self.__class__(self)
    def __repr__(self):
        if not self:
            return f"{self.__class__.__name__}()"
        items = ", ".join(f"{k!r}: {v!r}" for k, v in self.most_common())
        return f"{self.__class__.__name__}({{{items}}})"
    def __add__(self, other):
        result = Counter()
        for elem, count in self.items():
            newcount = count + other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result
    def __sub__(self, other):
        result = Counter()
        for elem, count in self.items():
            newcount = count - other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count < 0:
                result[elem] = 0 - count
        return result
    def __or__(self, other):
        result = Counter()
        for elem in {**self, **other}:
            v = max(self[elem], other[elem])
            if v > 0:
                result[elem] = v
        return result
    def __and__(self, other):
        result = Counter()
        for elem, count in self.items():
            v = min(count, other[elem])
            if v > 0:
                result[elem] = v
        return result

class deque:
    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None and maxlen < 0:
            raise ValueError("maxlen must be non-negative")
        self._maxlen = maxlen
        self._items = []
        self.extend(iterable)
    @property
    def maxlen(self):
        return self._maxlen
    def _trim_left(self):
        if self._maxlen is not None and len(self._items) > self._maxlen:
            del self._items[:len(self._items) - self._maxlen]
    def _trim_right(self):
        if self._maxlen is not None and len(self._items) > self._maxlen:
            del self._items[self._maxlen:]
    def append(self, x):
        self._items.append(x)
        self._trim_left()
    def appendleft(self, x):
        self._items.insert(0, x)
        self._trim_right()
    def extend(self, iterable):
        for x in list(iterable):
            self.append(x)
    def extendleft(self, iterable):
        for x in list(iterable):
            self.appendleft(x)
    def pop(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop()
    def popleft(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop(0)
    def rotate(self, n=1):
        if self._items:
            n %= len(self._items)
            if n:
                self._items[:] = self._items[-n:] + self._items[:-n]
    def clear(self):
        self._items.clear()
    def copy(self):
        return deque(self._items, self._maxlen)
    __copy__ = copy
    def count(self, x):
        return self._items.count(x)
    def index(self, x, *args):
        return self._items.index(x, *args)
    def insert(self, i, x):
        if self._maxlen is not None and len(self._items) >= self._maxlen:
            raise IndexError("deque already at its maximum size")
        self._items.insert(i, x)
    def remove(self, value):
        self._items.remove(value)
    def reverse(self):
        self._items.reverse()
    def __len__(self):
        return len(self._items)
    def __bool__(self):
        return bool(self._items)
    def __iter__(self):
        return iter(self._items)
    def __reversed__(self):
        return reversed(self._items)
    def __getitem__(self, i):
        if isinstance(i, slice):
            raise TypeError("sequence index must be integer, not 'slice'")
        try:
            return self._items[i]
        except IndexError:
            raise IndexError("deque index out of range") from None
    def __setitem__(self, i, v):
        self._items[i] = v
    def __delitem__(self, i):
        del self._items[i]
    def __contains__(self, x):
        return x in self._items
    def __eq__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items == other._items
    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError(f'can only concatenate deque (not "{type(other).__name__}") to deque')
        return deque(self._items + other._items, self._maxlen)
    def __iadd__(self, other):
        self.extend(other)
        return self
    def __repr__(self):
        if self._maxlen is None:
            return f"deque({self._items!r})"
        return f"deque({self._items!r}, maxlen={self._maxlen})"
    __hash__ = None

def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    field_names = list(map(str, field_names))
    typename = str(typename)
    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not name.isidentifier() or name.startswith("_") or name in seen):
                field_names[index] = f"_{index}"
            seen.add(name)
    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError("Type names and field names must be strings")
        if not name.isidentifier():
            raise ValueError(f"Type names and field names must be valid identifiers: {name!r}")
    seen = set()
    for name in field_names:
        if name.startswith("_") and not rename:
            raise ValueError(f"Field names cannot start with an underscore: {name!r}")
        if name in seen:
            raise ValueError(f"Encountered duplicate field name: {name!r}")
        seen.add(name)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError("Got more default values than field names")
        field_defaults = dict(reversed(list(zip(reversed(field_names), reversed(defaults)))))
    num_fields = len(field_names)

    def _new(cls, *values):
        return tuple.__new__(cls, values)

    @classmethod
    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != num_fields:
            raise TypeError(f"Expected {num_fields} arguments, got {len(result)}")
        return result

    def _replace(self, /, **kwds):
        result = self._make(map(kwds.pop, field_names, self))
        if kwds:
            raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
        return result

    def __repr__(self):
        return self.__class__.__name__ + "(" + ", ".join(f"{n}={v!r}" for n, v in zip(field_names, self)) + ")"

    def _asdict(self):
        return dict(zip(self._fields, self))

    def __getnewargs__(self):
        return tuple(self)

    ns = {
        "__doc__": f"{typename}({', '.join(field_names)})",
        "__slots__": (),
        "_fields": tuple(field_names),
        "_field_defaults": field_defaults,
        "_make": _make,
        "_replace": _replace,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "__getnewargs__": __getnewargs__,
        "__match_args__": tuple(field_names),
    }
    for index, name in enumerate(field_names):
        ns[name] = property(_itemgetter(index), doc=f"Alias for field number {index}")
    if module is None:
        module = _nnlens.caller_module(1)
    ns["__module__"] = module
    result = type(typename, (tuple,), ns)
    default_values = tuple(field_defaults[n] for n in field_names if n in field_defaults)
    result.__new__ = staticmethod(_nnlens.function_with_signature(
        f"{typename}.__new__", ["_cls"] + field_names, default_values, [], (), _new))
    result.__qualname__ = typename
    return result

class ChainMap(dict):
    def __init__(self, *maps):
        self.maps = list(maps) or [{}]
        super().__init__()
        for m in reversed(self.maps):
            dict.update(self, m)
    def new_child(self, m=None):
        return self.__class__({} if m is None else m, *self.maps)
    def __repr__(self):
        return f"{self.__class__.__name__}({', '.join(map(repr, self.maps))})"

class UserDict(dict):
    @property
    def data(self):
        return self

class UserList(list):
    @property
    def data(self):
        return self
`;
