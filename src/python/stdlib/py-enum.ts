// `enum` in Python: EnumMeta turns the class body's plain attributes into members (auto values,
// aliases, lookup by value and by name, iteration), with Enum, IntEnum, StrEnum, Flag and unique.

export const enumSource = String.raw`
class auto:
    _counter = 0
    def __init__(self):
        auto._counter += 1
        self._order = auto._counter
        self.value = None
    def __repr__(self):
        return "auto()"

def _is_descriptor(obj):
    return hasattr(obj, "__get__") or hasattr(obj, "__set__") or hasattr(obj, "__delete__")

def _is_member_name(name, value):
    if name.startswith("_"):
        return False
    if isinstance(value, (classmethod, staticmethod, property, type)):
        return False
    if callable(value) and not isinstance(value, auto) and _is_descriptor(value):
        return False
    return True

class EnumMeta(type):
    def __new__(metacls, cls, bases, classdict, **kwds):
        ignore = classdict.get("_ignore_", [])
        if isinstance(ignore, str):
            ignore = ignore.replace(",", " ").split()
        member_names = [k for k, v in classdict.items() if k not in ignore and _is_member_name(k, v)]
        body = {k: v for k, v in classdict.items() if k not in member_names and k not in ignore}
        for b in bases:
            if isinstance(b, EnumMeta) and b._member_names_:
                raise TypeError(f"{cls} cannot extend {b!r}")
        enum_class = super().__new__(metacls, cls, bases, body, **kwds)
        type.__setattr__(enum_class, "_member_names_", [])
        type.__setattr__(enum_class, "_member_map_", {})
        type.__setattr__(enum_class, "_value2member_map_", {})
        member_type = object
        for base in enum_class.__mro__[1:]:
            if base in (int, str, float):
                member_type = base
                break
        type.__setattr__(enum_class, "_member_type_", member_type)
        if member_type is not object:
            # A data-type mixin must not take over repr/str/format from the Enum classes (as in CPython).
            for attr in ("__repr__", "__str__", "__format__"):
                if attr in classdict:
                    continue
                owner = next((b for b in enum_class.__mro__[1:] if attr in b.__dict__), None)
                if owner in (int, str, float):
                    for b in enum_class.__mro__:
                        if isinstance(b, EnumMeta) and attr in b.__dict__:
                            type.__setattr__(enum_class, attr, b.__dict__[attr])
                            break
        last_values = []
        for name in member_names:
            value = classdict[name]
            if isinstance(value, auto):
                value = enum_class._generate_next_value_(name, 1, len(last_values), last_values[:])
            args = value if isinstance(value, tuple) and member_type is not object else (value,)
            if member_type is object:
                member = object.__new__(enum_class)
            else:
                member = member_type.__new__(enum_class, *args)
            if "__init__" in enum_class.__dict__ and member_type is object:
                init_args = value if isinstance(value, tuple) else (value,)
                enum_class.__init__(member, *init_args)
            member._name_ = name
            member._value_ = value
            last_values.append(value)
            existing = None
            for other in enum_class._member_map_.values():
                if other._value_ == value:
                    existing = other
                    break
            if existing is not None:
                enum_class._member_map_[name] = existing
                type.__setattr__(enum_class, name, existing)
                continue
            enum_class._member_names_.append(name)
            enum_class._member_map_[name] = member
            try:
                enum_class._value2member_map_[value] = member
            except TypeError:
                pass
            type.__setattr__(enum_class, name, member)
        return enum_class

    def __call__(cls, value, *args, **kwargs):
        if args or kwargs:
            return cls._create_(value, *args, **kwargs)
        if isinstance(value, cls):
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            pass
        for member in cls._member_map_.values():
            if member._value_ == value:
                return member
        missing = cls._missing_(value)
        if isinstance(missing, cls):
            return missing
        raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1):
        if isinstance(names, str):
            names = names.replace(",", " ").split()
        if names and isinstance(names[0], str) and not isinstance(names, dict):
            names = [(n, i) for i, n in enumerate(names, start)]
        items = names.items() if isinstance(names, dict) else names
        ns = {name: value for name, value in items}
        ns["__module__"] = module or "__main__"
        bases = (cls,) if type is None else (type, cls)
        return EnumMeta.__new__(EnumMeta, class_name, bases, ns)

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __bool__(cls):
        return True

    def __contains__(cls, member):
        if isinstance(member, cls):
            return True
        return any(m._value_ == member for m in cls._member_map_.values())

    def __getitem__(cls, name):
        return cls._member_map_[name]

    @property
    def __members__(cls):
        return dict(cls._member_map_)

    def __repr__(cls):
        return f"<enum {cls.__name__!r}>"

class Enum(metaclass=EnumMeta):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for v in reversed(last_values):
            try:
                return v + 1
            except TypeError:
                pass
        return start

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        v = self._member_type_.__repr__(self._value_) if self._member_type_ is not object else repr(self._value_)
        return f"<{self.__class__.__name__}.{self._name_}: {v}>"

    def __str__(self):
        return f"{self.__class__.__name__}.{self._name_}"

    def __format__(self, spec):
        return format(str(self), spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __deepcopy__(self, memo):
        return self

    def __copy__(self):
        return self

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

class ReprEnum(Enum):
    pass

class IntEnum(int, ReprEnum):
    def __str__(self):
        return int.__repr__(self._value_)
    def __format__(self, spec):
        return format(self._value_, spec)

class StrEnum(str, ReprEnum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()
    def __str__(self):
        return self._value_
    def __format__(self, spec):
        return format(self._value_, spec)

class Flag(Enum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return 1
        return 2 ** (max(last_values).bit_length())

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            return None
        pseudo = object.__new__(cls) if cls._member_type_ is object else cls._member_type_.__new__(cls, value)
        pseudo._name_ = "|".join(m._name_ for m in cls if m._value_ & value) or None
        pseudo._value_ = value
        cls._value2member_map_[value] = pseudo
        return pseudo

    def __or__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ | other._value_)

    def __and__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ & other._value_)

    def __contains__(self, other):
        return other._value_ & self._value_ == other._value_

    def __bool__(self):
        return bool(self._value_)

class IntFlag(int, Flag):
    pass

def unique(enumeration):
    duplicates = [(name, member.name) for name, member in enumeration.__members__.items() if name != member.name]
    if duplicates:
        alias_details = ", ".join(f"{alias} -> {name}" for (alias, name) in duplicates)
        raise ValueError(f"duplicate values found in {enumeration!r}: {alias_details}")
    return enumeration
`;
