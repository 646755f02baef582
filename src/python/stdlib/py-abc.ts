// `abc` and `collections.abc` in Python: ABCMeta (register, isinstance by registry or by the
// methods a class defines, refusal to instantiate classes with abstract methods) and the ABCs.

export const abcSource = String.raw`
def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj

class abstractproperty(property):
    __isabstractmethod__ = True

def abstractclassmethod(f):
    f.__isabstractmethod__ = True
    return classmethod(f)

def abstractstaticmethod(f):
    f.__isabstractmethod__ = True
    return staticmethod(f)

_all_abcs = []

class ABCMeta(type):
    def __new__(mcls, name, bases, namespace, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        abstracts = {n for n, v in namespace.items() if getattr(v, "__isabstractmethod__", False)}
        for base in bases:
            for n in getattr(base, "__abstractmethods__", ()):
                if getattr(getattr(cls, n, None), "__isabstractmethod__", False):
                    abstracts.add(n)
        cls.__abstractmethods__ = frozenset(abstracts)
        cls._abc_registry = []
        _all_abcs.append(cls)
        return cls

    def register(cls, subclass):
        cls._abc_registry.append(subclass)
        return subclass

    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))

    def __subclasscheck__(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError("issubclass() arg 1 must be a class")
        if cls in subclass.__mro__:
            return True
        hook = cls.__dict__.get("__subclasshook__")
        if hook is not None:
            r = hook.__get__(None, cls)(subclass)
            if r is not NotImplemented:
                return bool(r)
        # Classes registered with this ABC or with any ABC derived from it (as CPython's __subclasses__ walk).
        for abc in _all_abcs:
            if cls in abc.__mro__:
                for r in abc.__dict__.get("_abc_registry", ()):
                    if r is subclass or issubclass(subclass, r):
                        return True
        return False

    def __call__(cls, *args, **kwargs):
        abstract = getattr(cls, "__abstractmethods__", ())
        if abstract:
            names = sorted(abstract)
            s = "s" if len(names) > 1 else ""
            raise TypeError(f"Can't instantiate abstract class {cls.__name__} with abstract method{s} {', '.join(names)}")
        return super().__call__(*args, **kwargs)

class ABC(metaclass=ABCMeta):
    __slots__ = ()

def get_cache_token():
    return 0
`;

export const collectionsAbcSource = String.raw`
from abc import ABCMeta, abstractmethod

def _has(C, *methods):
    mro = C.__mro__
    for m in methods:
        for B in mro:
            if m in B.__dict__:
                if B.__dict__[m] is None:
                    return NotImplemented
                break
        else:
            return NotImplemented
    return True

class Hashable(metaclass=ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        return _has(C, "__hash__") if cls is Hashable else NotImplemented

class Iterable(metaclass=ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        return _has(C, "__iter__") if cls is Iterable else NotImplemented
    def __class_getitem__(cls, item):
        return cls

class Iterator(Iterable):
    @classmethod
    def __subclasshook__(cls, C):
        return _has(C, "__iter__", "__next__") if cls is Iterator else NotImplemented

class Reversible(Iterable):
    @classmethod
    def __subclasshook__(cls, C):
        return _has(C, "__reversed__", "__iter__") if cls is Reversible else NotImplemented

class Generator(Iterator):
    @classmethod
    def __subclasshook__(cls, C):
        return _has(C, "__iter__", "__next__", "send", "throw", "close") if cls is Generator else NotImplemented

class Sized(metaclass=ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        return _has(C, "__len__") if cls is Sized else NotImplemented

class Container(metaclass=ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        return _has(C, "__contains__") if cls is Container else NotImplemented

class Collection(Sized, Iterable, Container):
    @classmethod
    def __subclasshook__(cls, C):
        return _has(C, "__len__", "__iter__", "__contains__") if cls is Collection else NotImplemented

class Callable(metaclass=ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        return _has(C, "__call__") if cls is Callable else NotImplemented
    def __class_getitem__(cls, item):
        return cls

class Sequence(Reversible, Collection):
    pass

class MutableSequence(Sequence):
    pass

class Set(Collection):
    pass

class MutableSet(Set):
    pass

class Mapping(Collection):
    pass

class MutableMapping(Mapping):
    pass

class MappingView(Sized):
    pass

class KeysView(MappingView, Set):
    pass

class ItemsView(MappingView, Set):
    pass

class ValuesView(MappingView, Collection):
    pass

class Awaitable(metaclass=ABCMeta):
    pass

class Coroutine(Awaitable):
    pass

Sequence.register(tuple)
Sequence.register(str)
Sequence.register(range)
MutableSequence.register(list)
Set.register(frozenset)
MutableSet.register(set)
Mapping.register(type(type.__dict__))
MutableMapping.register(dict)
KeysView.register(type({}.keys()))
ItemsView.register(type({}.items()))
ValuesView.register(type({}.values()))
Generator.register(type((x for x in ())))
`;
