# === basic class and instance attributes
class Point:
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x ** 2 + self.y ** 2
p = Point(3, 4)
print(p.x, p.norm2(), Point.dims, p.dims, Point.norm2(p), type(p).__name__, p.__class__ is Point, vars(p))
p.dims = 3
print(p.dims, Point.dims, hasattr(p, 'x'), getattr(p, 'z', None), isinstance(p, Point), issubclass(Point, object))
setattr(p, 'z', 1); del p.x
print(sorted(vars(p)), hasattr(p, 'x'))
# === inheritance and super
class Animal:
    sound = '...'
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f'{self.name} says {self.sound}'
class Dog(Animal):
    sound = 'woof'
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed
    def speak(self):
        return super().speak() + '!'
class Puppy(Dog):
    def speak(self):
        return super(Dog, self).speak() + '?'
d = Puppy('rex', 'lab')
print(Dog('a', 'b').speak(), d.speak(), isinstance(d, Animal), issubclass(Puppy, Animal), Puppy.__mro__)
print(Puppy.__bases__, Dog.__name__, Dog.__qualname__, d.breed)
# === diamond MRO
class A:
    def who(self):
        return ['A']
class B(A):
    def who(self):
        return ['B'] + super().who()
class C(A):
    def who(self):
        return ['C'] + super().who()
class D(B, C):
    def who(self):
        return ['D'] + super().who()
print(D().who(), [k.__name__ for k in D.__mro__], D.mro() == list(D.__mro__))
# === inconsistent MRO
class X: pass
class Y(X): pass
class Z(X, Y): pass
# === properties
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273:
            raise ValueError('too cold')
        self._c = v
    @property
    def kelvin(self):
        return self._c + 273
t = Temp()
t.celsius = 25
print(t.celsius, t.kelvin, type(Temp.celsius).__name__)
try:
    t.kelvin = 5
except AttributeError as e:
    print(e)
try:
    t.celsius = -300
except ValueError as e:
    print(e)
# === staticmethod and classmethod
class Shape:
    count = 0
    def __init__(self):
        Shape.count += 1
    @staticmethod
    def unit():
        return 'unit'
    @classmethod
    def make(cls, n):
        return [cls() for _ in range(n)]
class Square(Shape):
    pass
sq = Square.make(2)
print(Shape.unit(), Square().unit(), type(sq[0]).__name__, Shape.count, Square.make.__self__ is Square)
# === dunder protocols
class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __repr__(self):
        return f'Vec({", ".join(map(str, self.xs))})'
    def __str__(self):
        return f'<{self.xs}>'
    def __len__(self):
        return len(self.xs)
    def __getitem__(self, i):
        return self.xs[i]
    def __setitem__(self, i, v):
        self.xs[i] = v
    def __iter__(self):
        return iter(self.xs)
    def __contains__(self, v):
        return v in self.xs
    def __add__(self, other):
        if isinstance(other, Vec):
            return Vec(*[a + b for a, b in zip(self.xs, other.xs)])
        return Vec(*[a + other for a in self.xs])
    def __radd__(self, other):
        return self + other
    def __mul__(self, k):
        return Vec(*[a * k for a in self.xs])
    __rmul__ = __mul__
    def __matmul__(self, other):
        return sum(a * b for a, b in zip(self.xs, other.xs))
    def __neg__(self):
        return self * -1
    def __eq__(self, other):
        return isinstance(other, Vec) and self.xs == other.xs
    def __hash__(self):
        return hash(tuple(self.xs))
    def __lt__(self, other):
        return self.xs < other.xs
    def __bool__(self):
        return any(self.xs)
    def __call__(self, scale):
        return self * scale
v = Vec(1, 2, 3)
w = Vec(4, 5, 6)
print(v, repr(v), len(v), v[1], v[-1], v[0:2], list(v), 2 in v, v + w, v + 1, 1 + v, 2 * v, v * 2, v @ w, -v)
v[0] = 10
print(v, v == Vec(10, 2, 3), v != w, {v: 'x'}[Vec(10, 2, 3)], sorted([w, v]), bool(Vec(0)), bool(v), v(2), sum([v, w], Vec(0, 0, 0)))
x = Vec(1)
x += Vec(2)
x *= 3
print(x)
# === in-place operator protocol
class Acc:
    def __init__(self):
        self.total = 0
    def __iadd__(self, v):
        self.total += v
        return self
a = Acc()
b = a
a += 5
a += 6
print(a is b, a.total)
# === getattr setattr hooks
class Dyn:
    def __init__(self):
        object.__setattr__(self, 'log', [])
    def __getattr__(self, name):
        if name.startswith('auto_'):
            return name[5:]
        raise AttributeError(f"'Dyn' object has no attribute '{name}'")
    def __setattr__(self, name, value):
        self.log.append(name)
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        self.log.append('del ' + name)
        object.__delattr__(self, name)
dd = Dyn()
dd.a = 1
del dd.a
print(dd.auto_xyz, dd.log, hasattr(dd, 'nope'), getattr(dd, 'nope', 'default'))
# === equality without hash makes unhashable
class E:
    def __eq__(self, other):
        return True
print(E() == 1, E.__hash__)
hash(E())
# === class attributes and namespaces
class Config:
    base = 10
    doubled = base * 2
    items = [base + i for i in range(3)]
    def get(self):
        return self.doubled
print(Config.doubled, Config.items, Config().get(), Config.__dict__['base'], 'get' in Config.__dict__)
# === __init_subclass__ and __set_name__
class Plugin:
    registry = []
    def __init_subclass__(cls, key=None, **kwargs):
        super().__init_subclass__(**kwargs)
        Plugin.registry.append((cls.__name__, key))
class First(Plugin, key='one'):
    pass
class Second(Plugin):
    pass
class Field:
    def __set_name__(self, owner, name):
        self.name = owner.__name__ + '.' + name
    def __get__(self, obj, owner=None):
        return self if obj is None else ('value of ' + self.name)
class Model:
    title = Field()
print(Plugin.registry, Model.title.name, Model().title)
# === metaclass
class Meta(type):
    def __new__(mcs, name, bases, ns):
        ns['created_by'] = mcs.__name__
        return super().__new__(mcs, name, bases, ns)
    def __call__(cls, *args):
        inst = super().__call__(*args)
        inst.via_meta = True
        return inst
class WithMeta(metaclass=Meta):
    def __init__(self, v):
        self.v = v
w = WithMeta(3)
print(WithMeta.created_by, type(WithMeta).__name__, w.v, w.via_meta, isinstance(WithMeta, Meta))
# === class repr and str
class Plain:
    pass
class Named:
    def __repr__(self):
        return 'Named()'
print(str(Plain)[:14], repr(Named()), str(Named()), [Named()], f'{Named()}', Plain.__module__, Plain.__qualname__)
# === attribute error message
class Net:
    def __init__(self):
        self.layer = 1
net = Net()
print(net.layer)
print(net.layer1)
# === type() builtin
T = type('T', (object,), {'x': 1, 'f': lambda self: self.x + 1})
t = T()
print(T.__name__, t.x, t.f(), type(t) is T, type(3), type('s'), type(None), type(type))
# === object with no init args
class Empty:
    pass
Empty(1)
# === instance checks with tuples and abstract base classes
from abc import ABC, abstractmethod
class Base(ABC):
    @abstractmethod
    def run(self):
        ...
class Impl(Base):
    def run(self):
        return 'ran'
print(isinstance(Impl(), (int, Base)), issubclass(Impl, Base), Impl().run())
Base()
