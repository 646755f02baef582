// `copy` in Python: copy and deepcopy with a memo, honouring the __copy__/__deepcopy__ hooks that
// host objects (tensors, modules) implement, and reconstructing plain instances and builtin subclasses.

export const copySource = String.raw`
class Error(Exception):
    pass

error = Error

_atomic = (type(None), int, float, bool, str, tuple, frozenset, type, range, slice, property,
           type(lambda: 0), type(print), type(Ellipsis), type(NotImplemented))

def copy(x):
    cls = type(x)
    if cls in _atomic or issubclass(cls, type):
        return x
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    if cls is list:
        return x[:]
    if cls is dict:
        return dict(x)
    if cls is set:
        return set(x)
    return _reconstruct(x, None)

def _reconstruct(x, memo):
    cls = type(x)
    deep = memo is not None
    if isinstance(x, tuple):
        items = tuple(deepcopy(a, memo) for a in x) if deep else tuple(x)
        y = tuple.__new__(cls, items)
    elif isinstance(x, (list, dict, set)):
        y = cls.__new__(cls)
    else:
        y = object.__new__(cls) if cls.__new__ is object.__new__ else cls.__new__(cls)
    if deep:
        memo[id(x)] = y
    if isinstance(x, list):
        list.extend(y, [deepcopy(a, memo) for a in x] if deep else x)
    elif isinstance(x, dict):
        for k, v in dict.items(x):
            dict.__setitem__(y, deepcopy(k, memo) if deep else k, deepcopy(v, memo) if deep else v)
    elif isinstance(x, set):
        set.update(y, [deepcopy(a, memo) for a in x] if deep else x)
    state = getattr(x, "__dict__", None)
    if state:
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, "__setstate__"):
            y.__setstate__(state)
        else:
            y.__dict__.update(state)
    return y

def deepcopy(x, memo=None, _nil=[]):
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _atomic and cls is not tuple or issubclass(cls, type):
        return x
    if cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is tuple:
        items = [deepcopy(a, memo) for a in x]
        y = x if all(a is b for a, b in zip(items, x)) else tuple(items)
    elif cls is dict:
        y = {}
        memo[d] = y
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
    elif cls is set:
        y = {deepcopy(a, memo) for a in x}
    else:
        copier = getattr(x, "__deepcopy__", None)
        if copier is not None:
            y = copier(memo)
        else:
            y = _reconstruct(x, memo)
    if y is not x:
        memo[d] = y
    return y

def replace(obj, /, **changes):
    return obj.__replace__(**changes)
`;
