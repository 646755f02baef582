// `dataclasses` in Python. Annotations reach nnlens as source text, so ClassVar/InitVar/KW_ONLY are
// recognised by name; the generated __init__ gets a real signature (and CPython's TypeErrors)
// from _nnlens.function_with_signature instead of exec.

export const dataclassesSource = String.raw`
import _nnlens

class _MissingType:
    def __repr__(self):
        return "MISSING"

MISSING = _MissingType()

class _KwOnlyType:
    def __repr__(self):
        return "KW_ONLY"

KW_ONLY = _KwOnlyType()

class FrozenInstanceError(AttributeError):
    pass

class InitVar:
    def __init__(self, type):
        self.type = type
    def __class_getitem__(cls, type):
        return InitVar(type)

class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._field_type = "field"
    def __repr__(self):
        return (f"Field(name={self.name!r},type={self.type!r},default={self.default!r},"
                f"default_factory={self.default_factory!r},init={self.init!r},repr={self.repr!r},"
                f"hash={self.hash!r},compare={self.compare!r},metadata={self.metadata!r},kw_only={self.kw_only!r},"
                f"_field_type={self._field_type})")
    def __set_name__(self, owner, name):
        pass

def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None, compare=True, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)

def _ann_kind(annotation):
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", repr(annotation))
    text = text.replace("typing.", "").replace("dataclasses.", "").strip()
    if text == "ClassVar" or text.startswith("ClassVar["):
        return "classvar"
    if text == "InitVar" or text.startswith("InitVar[") or isinstance(annotation, InitVar):
        return "initvar"
    if text == "KW_ONLY":
        return "kw_only"
    return "field"

_FIELDS = "__dataclass_fields__"
_PARAMS = "__dataclass_params__"

class _DataclassParams:
    def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen

def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only):
    fields = {}
    for b in cls.__mro__[-1:0:-1]:
        base_fields = b.__dict__.get(_FIELDS)
        if base_fields is not None:
            for f in base_fields.values():
                fields[f.name] = f
    annotations = cls.__dict__.get("__annotations__", {})
    seen_kw_only = False
    for name, annotation in annotations.items():
        kind = _ann_kind(annotation)
        if kind == "kw_only":
            if seen_kw_only:
                raise TypeError(f"{name!r} is KW_ONLY, but KW_ONLY has already been specified")
            seen_kw_only = True
            continue
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = field(default=default)
        f.name = name
        f.type = annotation
        if kind == "classvar":
            f._field_type = "classvar"
        elif kind == "initvar":
            f._field_type = "initvar"
        if f.kw_only is MISSING:
            f.kw_only = kw_only or seen_kw_only
        if f._field_type == "field" and isinstance(f.default, (list, dict, set)):
            raise ValueError(f"mutable default {type(f.default)} for field {name} is not allowed: use default_factory")
        if f._field_type in ("classvar", "initvar") and f.default_factory is not MISSING:
            raise TypeError(f"field {name} cannot have a default factory")
        if isinstance(default, Field):
            if f.default is MISSING:
                if name in cls.__dict__:
                    delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        fields[name] = f
    setattr(cls, _FIELDS, fields)
    setattr(cls, _PARAMS, _DataclassParams(init, repr, eq, order, unsafe_hash, frozen))
    all_fields = [f for f in fields.values() if f._field_type == "field"]
    if init:
        _add_init(cls, list(fields.values()), frozen)
    if repr and "__repr__" not in cls.__dict__:
        def __repr__(self):
            shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in all_fields if f.repr)
            return f"{self.__class__.__qualname__}({shown})"
        __repr__.__qualname__ = f"{cls.__qualname__}.__repr__"
        cls.__repr__ = __repr__
    compared = [f for f in all_fields if f.compare]
    def astuple_(self):
        return tuple(getattr(self, f.name) for f in compared)
    if eq and "__eq__" not in cls.__dict__:
        def __eq__(self, other):
            if other.__class__ is self.__class__:
                return astuple_(self) == astuple_(other)
            return NotImplemented
        cls.__eq__ = __eq__
    if order:
        for name, op in (("__lt__", lambda a, b: a < b), ("__le__", lambda a, b: a <= b), ("__gt__", lambda a, b: a > b), ("__ge__", lambda a, b: a >= b)):
            if name in cls.__dict__:
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}. Consider using functools.total_ordering")
            def method(self, other, op=op):
                if other.__class__ is self.__class__:
                    return op(astuple_(self), astuple_(other))
                return NotImplemented
            setattr(cls, name, method)
    has_hash = "__hash__" in cls.__dict__ and cls.__dict__["__hash__"] is not None
    if unsafe_hash or (eq and frozen):
        if not has_hash or unsafe_hash:
            hashed = [f for f in all_fields if (f.compare if f.hash is None else f.hash)]
            cls.__hash__ = lambda self: hash(tuple(getattr(self, f.name) for f in hashed))
    elif eq and not has_hash:
        cls.__hash__ = None
    if frozen:
        names = {f.name for f in all_fields}
        def __setattr__(self, name, value):
            if type(self) is cls or name in names:
                raise FrozenInstanceError(f"cannot assign to field {name!r}")
            super(cls, self).__setattr__(name, value)
        def __delattr__(self, name):
            if type(self) is cls or name in names:
                raise FrozenInstanceError(f"cannot delete field {name!r}")
            super(cls, self).__delattr__(name)
        cls.__setattr__ = __setattr__
        cls.__delattr__ = __delattr__
    if match_args and "__match_args__" not in cls.__dict__:
        cls.__match_args__ = tuple(f.name for f in all_fields if f.init and not f.kw_only)
    return cls

_HAS_FACTORY = object()

def _add_init(cls, fields, frozen):
    init_fields = [f for f in fields if f._field_type in ("field", "initvar") and f.init]
    positional = [f for f in init_fields if not f.kw_only]
    kw_only = [f for f in init_fields if f.kw_only]
    seen_default = False
    for f in positional:
        has_default = f.default is not MISSING or f.default_factory is not MISSING
        if has_default:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    def default_of(f):
        return _HAS_FACTORY if f.default_factory is not MISSING else f.default
    defaults = [default_of(f) for f in positional if f.default is not MISSING or f.default_factory is not MISSING]
    kwdefaults = tuple((f.name, default_of(f)) for f in kw_only if f.default is not MISSING or f.default_factory is not MISSING)
    ordered = positional + kw_only
    plain = [f for f in fields if f._field_type == "field" and not f.init]
    setter = object.__setattr__ if frozen else setattr
    def impl(self, *values):
        initvars = []
        for f, v in zip(ordered, values):
            if v is _HAS_FACTORY:
                v = f.default_factory()
            if f._field_type == "initvar":
                initvars.append(v)
            else:
                setter(self, f.name, v)
        for f in plain:
            if f.default_factory is not MISSING:
                setter(self, f.name, f.default_factory())
            elif f.default is not MISSING:
                setter(self, f.name, f.default)
        post = getattr(self, "__post_init__", None)
        if post is not None:
            post(*initvars)
    cls.__init__ = _nnlens.function_with_signature(
        f"{cls.__qualname__}.__init__", ["self"] + [f.name for f in positional], tuple(defaults),
        [f.name for f in kw_only], kwdefaults, impl, cls)

def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=False,
              match_args=True, kw_only=False, slots=False, weakref_slot=False):
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only)
    if cls is None:
        return wrap
    return wrap(cls)

def fields(class_or_instance):
    try:
        fs = getattr(class_or_instance, _FIELDS)
    except AttributeError:
        raise TypeError("must be called with a dataclass type or instance") from None
    return tuple(f for f in fs.values() if f._field_type == "field")

def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, _FIELDS)

def _is_dataclass_instance(obj):
    return hasattr(type(obj), _FIELDS)

def asdict(obj, *, dict_factory=dict):
    if not _is_dataclass_instance(obj):
        raise TypeError("asdict() should be called on dataclass instances")
    return _asdict_inner(obj, dict_factory)

def _asdict_inner(obj, dict_factory):
    if _is_dataclass_instance(obj):
        return dict_factory([(f.name, _asdict_inner(getattr(obj, f.name), dict_factory)) for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_asdict_inner(v, dict_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_asdict_inner(k, dict_factory), _asdict_inner(v, dict_factory)) for k, v in obj.items())
    import copy
    return copy.deepcopy(obj)

def astuple(obj, *, tuple_factory=tuple):
    if not _is_dataclass_instance(obj):
        raise TypeError("astuple() should be called on dataclass instances")
    return tuple_factory(_astuple_inner(getattr(obj, f.name)) for f in fields(obj))

def _astuple_inner(obj):
    if _is_dataclass_instance(obj):
        return tuple(_astuple_inner(getattr(obj, f.name)) for f in fields(obj))
    if isinstance(obj, (list, tuple)):
        return type(obj)(_astuple_inner(v) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_astuple_inner(k), _astuple_inner(v)) for k, v in obj.items())
    return obj

def replace(obj, /, **changes):
    if not _is_dataclass_instance(obj):
        raise TypeError("replace() should be called on dataclass instances")
    for f in getattr(obj, _FIELDS).values():
        if f._field_type == "classvar":
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError(f"field {f.name} is declared with init=False, it cannot be specified with replace()")
            continue
        if f.name not in changes:
            if f._field_type == "initvar" and f.default is MISSING:
                raise ValueError(f"InitVar {f.name!r} must be specified with replace()")
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)

def make_dataclass(cls_name, fields, *, bases=(), namespace=None, **kwargs):
    ns = dict(namespace or {})
    annotations = {}
    for item in fields:
        if isinstance(item, str):
            annotations[item] = "typing.Any"
        elif len(item) == 2:
            annotations[item[0]] = item[1]
        else:
            annotations[item[0]] = item[1]
            ns[item[0]] = item[2]
    ns["__annotations__"] = annotations
    return dataclass(type(cls_name, bases, ns), **kwargs)
`;
