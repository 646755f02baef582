// `typing` in Python. Annotations are never evaluated by nnlens, so this only has to make the
// run-time uses work: subscripted aliases (Optional[Tensor], Tuple[int, ...]), TypeVar, Generic
// and Protocol bases, NamedTuple and TypedDict classes, cast, overload, TYPE_CHECKING.

export const typingSource = String.raw`
import collections.abc as _abc
import _nnlens

TYPE_CHECKING = False

class _Final:
    pass

def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return f"{obj.__module__}.{obj.__qualname__}"
    if obj is ...:
        return "..."
    if isinstance(obj, list):
        return "[" + ", ".join(_type_repr(a) for a in obj) + "]"
    return repr(obj)

class _GenericAlias(_Final):
    def __init__(self, origin, args, name=None):
        self.__origin__ = origin
        self.__args__ = args if isinstance(args, tuple) else (args,)
        self._name = name
    def __getitem__(self, params):
        return _GenericAlias(self.__origin__, params, self._name)
    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)
    def __mro_entries__(self, bases):
        return (self.__origin__,)
    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)
    def __or__(self, other):
        return Union[self, other]
    def __ror__(self, other):
        return Union[other, self]
    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__
    def __hash__(self):
        return hash((self.__origin__, self.__args__))
    def __repr__(self):
        name = "typing." + self._name if self._name else _type_repr(self.__origin__)
        if not self.__args__:
            return name
        return f"{name}[{', '.join(_type_repr(a) for a in self.__args__)}]"

class _SpecialGenericAlias(_GenericAlias):
    def __init__(self, origin, name):
        super().__init__(origin, (), name)
    def __getitem__(self, params):
        return _GenericAlias(self.__origin__, params, self._name)
    def __instancecheck__(self, obj):
        return isinstance(obj, self.__origin__)
    def __subclasscheck__(self, cls):
        return issubclass(cls, self.__origin__)
    def __repr__(self):
        return "typing." + self._name

class _UnionGenericAlias(_GenericAlias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and type(None) in args:
            other = args[0] if args[1] is type(None) else args[1]
            return f"typing.Optional[{_type_repr(other)}]"
        return f"typing.Union[{', '.join(_type_repr(a) for a in args)}]"
    def __instancecheck__(self, obj):
        return any(isinstance(obj, a) for a in self.__args__ if isinstance(a, type))

class _SpecialForm(_Final):
    def __init__(self, name, getitem=None):
        self._name = name
        self._getitem = getitem
    def __getitem__(self, params):
        if self._getitem is None:
            return _GenericAlias(self, params, self._name)
        return self._getitem(params)
    def __repr__(self):
        return "typing." + self._name
    def __call__(self, *args, **kwargs):
        raise TypeError(f"Cannot instantiate {self!r}")
    def __or__(self, other):
        return Union[self, other]
    def __ror__(self, other):
        return Union[other, self]

def _union(params):
    if not isinstance(params, tuple):
        params = (params,)
    flat = []
    for p in params:
        if p is None:
            p = type(None)
        if isinstance(p, _UnionGenericAlias):
            flat.extend(p.__args__)
        elif p not in flat:
            flat.append(p)
    out = []
    for p in flat:
        if p not in out:
            out.append(p)
    if len(out) == 1:
        return out[0]
    return _UnionGenericAlias(Union, tuple(out), "Union")

Any = _SpecialForm("Any")
NoReturn = _SpecialForm("NoReturn")
Never = _SpecialForm("Never")
Self = _SpecialForm("Self")
LiteralString = _SpecialForm("LiteralString")
TypeAlias = _SpecialForm("TypeAlias")
Union = _SpecialForm("Union", _union)
Optional = _SpecialForm("Optional", lambda p: _union((p, type(None))))
ClassVar = _SpecialForm("ClassVar")
Final = _SpecialForm("Final")
Literal = _SpecialForm("Literal")
Annotated = _SpecialForm("Annotated", lambda p: p[0] if isinstance(p, tuple) else p)
Concatenate = _SpecialForm("Concatenate")
TypeGuard = _SpecialForm("TypeGuard")
Required = _SpecialForm("Required")
NotRequired = _SpecialForm("NotRequired")
Unpack = _SpecialForm("Unpack")

List = _SpecialGenericAlias(list, "List")
Dict = _SpecialGenericAlias(dict, "Dict")
Set = _SpecialGenericAlias(set, "Set")
FrozenSet = _SpecialGenericAlias(frozenset, "FrozenSet")
Tuple = _SpecialGenericAlias(tuple, "Tuple")
Type = _SpecialGenericAlias(type, "Type")
Callable = _SpecialGenericAlias(_abc.Callable, "Callable")
Iterable = _SpecialGenericAlias(_abc.Iterable, "Iterable")
Iterator = _SpecialGenericAlias(_abc.Iterator, "Iterator")
Generator = _SpecialGenericAlias(_abc.Generator, "Generator")
Sequence = _SpecialGenericAlias(_abc.Sequence, "Sequence")
MutableSequence = _SpecialGenericAlias(_abc.MutableSequence, "MutableSequence")
Mapping = _SpecialGenericAlias(_abc.Mapping, "Mapping")
MutableMapping = _SpecialGenericAlias(_abc.MutableMapping, "MutableMapping")
Collection = _SpecialGenericAlias(_abc.Collection, "Collection")
Container = _SpecialGenericAlias(_abc.Container, "Container")
Hashable = _SpecialGenericAlias(_abc.Hashable, "Hashable")
Sized = _SpecialGenericAlias(_abc.Sized, "Sized")
Reversible = _SpecialGenericAlias(_abc.Reversible, "Reversible")
AbstractSet = _SpecialGenericAlias(_abc.Set, "AbstractSet")
MutableSet = _SpecialGenericAlias(_abc.MutableSet, "MutableSet")
KeysView = _SpecialGenericAlias(_abc.KeysView, "KeysView")
ItemsView = _SpecialGenericAlias(_abc.ItemsView, "ItemsView")
ValuesView = _SpecialGenericAlias(_abc.ValuesView, "ValuesView")
Awaitable = _SpecialGenericAlias(_abc.Awaitable, "Awaitable")
Coroutine = _SpecialGenericAlias(_abc.Coroutine, "Coroutine")
Text = str

class TypeVar(_Final):
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False, infer_variance=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant
    def __repr__(self):
        prefix = "+" if self.__covariant__ else "-" if self.__contravariant__ else "~"
        return prefix + self.__name__
    def __or__(self, other):
        return Union[self, other]

class ParamSpec(TypeVar):
    pass

class TypeVarTuple(TypeVar):
    pass

AnyStr = TypeVar("AnyStr", str)

class Generic:
    def __class_getitem__(cls, params):
        return _GenericAlias(cls, params)
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)

class Protocol(Generic):
    pass

def runtime_checkable(cls):
    return cls

def cast(typ, val):
    return val

def overload(func):
    return func

def final(f):
    return f

def no_type_check(f):
    return f

def type_check_only(f):
    return f

def dataclass_transform(**kwargs):
    return lambda f: f

def reveal_type(obj):
    return obj

def assert_type(val, typ):
    return val

def assert_never(arg):
    raise AssertionError(f"Expected code to be unreachable, but got: {arg!r}")

def get_origin(tp):
    return getattr(tp, "__origin__", None) if isinstance(tp, _GenericAlias) else None

def get_args(tp):
    return tp.__args__ if isinstance(tp, _GenericAlias) else ()

def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    return dict(getattr(obj, "__annotations__", {}))

def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__qualname__ = name
    new_type.__supertype__ = tp
    return new_type

def _field_names(annotations, ns):
    return [n for n in annotations]

class NamedTupleMeta(type):
    def __new__(mcls, typename, bases, ns):
        if ns.get("_root", False):
            return super().__new__(mcls, typename, bases, ns)
        import collections
        annotations = ns.get("__annotations__", {})
        fields = list(annotations)
        defaults = [ns[n] for n in fields if n in ns]
        nt = collections.namedtuple(typename, fields, defaults=defaults, module=ns.get("__module__"))
        for key, value in ns.items():
            if key in ("__module__", "__qualname__", "__annotations__", "_root") or key in fields:
                continue
            setattr(nt, key, value)
        nt.__annotations__ = annotations
        return nt

class NamedTuple(metaclass=NamedTupleMeta):
    _root = True

class TypedDictMeta(type):
    def __new__(mcls, name, bases, ns, total=True):
        ns = dict(ns)
        ns.pop("_root", None)
        return type.__new__(mcls, name, (dict,), ns)
    def __instancecheck__(cls, obj):
        raise TypeError("TypedDict does not support instance and class checks")

class TypedDict(metaclass=TypedDictMeta):
    _root = True

SupportsInt = _SpecialGenericAlias(object, "SupportsInt")
SupportsFloat = _SpecialGenericAlias(object, "SupportsFloat")
SupportsIndex = _SpecialGenericAlias(object, "SupportsIndex")
SupportsAbs = _SpecialGenericAlias(object, "SupportsAbs")
IO = _SpecialGenericAlias(object, "IO")
TextIO = _SpecialGenericAlias(object, "TextIO")
BinaryIO = _SpecialGenericAlias(object, "BinaryIO")
Pattern = _SpecialGenericAlias(object, "Pattern")
Match = _SpecialGenericAlias(object, "Match")
DefaultDict = _SpecialGenericAlias(dict, "DefaultDict")
OrderedDict = _SpecialGenericAlias(dict, "OrderedDict")
Counter = _SpecialGenericAlias(dict, "Counter")
Deque = _SpecialGenericAlias(list, "Deque")
ChainMap = _SpecialGenericAlias(dict, "ChainMap")
`;
