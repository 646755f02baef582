// Small modules in Python: warnings (to the interpreter's stderr sink), contextlib, types, string.

export const warningsSource = String.raw`
import sys
import _nnlens

_filters = []
_seen = set()

def _matches(entry, category, text):
    action, message, cat = entry
    return issubclass(category, cat) and (not message or text.lower().startswith(message.lower()))

def _action(category, text):
    for entry in _filters:
        if _matches(entry, category, text):
            return entry[0]
    return "default"

def formatwarning(message, category, filename, lineno, line=None):
    return f"{filename}:{lineno}: {category.__name__}: {message}\n"

def showwarning(message, category, filename, lineno, file=None, line=None):
    (file or sys.stderr).write(formatwarning(message, category, filename, lineno, line))

class WarningMessage:
    def __init__(self, message, category, filename, lineno, file=None, line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source

_recording = []

def warn(message, category=None, stacklevel=1, source=None):
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError(f"category must be a Warning subclass, not '{type(category).__name__}'")
    text = str(message)
    action = _action(category, text)
    if action == "ignore":
        return
    if action == "error":
        raise message if isinstance(message, Warning) else category(text)
    filename, lineno = _nnlens.caller_location(stacklevel)
    key = (text, category, lineno if action == "default" else None)
    if action in ("default", "once", "module") and key in _seen:
        return
    _seen.add(key)
    if _recording:
        msg = message if isinstance(message, Warning) else category(text)
        _recording[-1].append(WarningMessage(msg, category, filename, lineno))
        return
    showwarning(text, category, filename, lineno)

def warn_explicit(message, category, filename, lineno, module=None, registry=None, module_globals=None, source=None):
    showwarning(str(message), category, filename, lineno)

def simplefilter(action, category=Warning, lineno=0, append=False):
    entry = (action, "", category)
    if append:
        _filters.append(entry)
    else:
        _filters.insert(0, entry)

def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    entry = (action, message, category)
    if append:
        _filters.append(entry)
    else:
        _filters.insert(0, entry)

def resetwarnings():
    _filters.clear()

class catch_warnings:
    def __init__(self, *, record=False, action=None, category=Warning, lineno=0, append=False):
        self._record = record
        self._action = action
        self._category = category
    def __enter__(self):
        self._saved = list(_filters)
        self._saved_seen = set(_seen)
        if self._action is not None:
            simplefilter(self._action, self._category)
        if self._record:
            log = []
            _recording.append(log)
            return log
        return None
    def __exit__(self, *exc_info):
        _filters[:] = self._saved
        _seen.clear()
        _seen.update(self._saved_seen)
        if self._record:
            _recording.pop()
        return False
`;

export const contextlibSource = String.raw`
from functools import wraps

class AbstractContextManager:
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc_value, traceback):
        return None

class ContextDecorator:
    def __call__(self, func):
        @wraps(func)
        def inner(*args, **kwds):
            with self:
                return func(*args, **kwds)
        return inner

class _GeneratorContextManager(ContextDecorator, AbstractContextManager):
    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self.func, self.args, self.kwds = func, args, kwds
    def _recreate_cm(self):
        return self.__class__(self.func, self.args, self.kwds)
    def __call__(self, func):
        @wraps(func)
        def inner(*args, **kwds):
            with self._recreate_cm():
                return func(*args, **kwds)
        return inner
    def __enter__(self):
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None
    def __exit__(self, typ, value, traceback):
        if typ is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            else:
                raise RuntimeError("generator didn't stop")
        if value is None:
            value = typ()
        try:
            self.gen.throw(value)
        except StopIteration as exc:
            return exc is not value
        except RuntimeError as exc:
            if exc is value:
                return False
            raise
        except BaseException as exc:
            if exc is not value:
                raise
            return False
        raise RuntimeError("generator didn't stop after throw()")

def contextmanager(func):
    @wraps(func)
    def helper(*args, **kwds):
        return _GeneratorContextManager(func, args, kwds)
    return helper

class suppress(AbstractContextManager):
    def __init__(self, *exceptions):
        self._exceptions = exceptions
    def __exit__(self, exctype, excinst, exctb):
        return exctype is not None and issubclass(exctype, self._exceptions)

class nullcontext(AbstractContextManager):
    def __init__(self, enter_result=None):
        self.enter_result = enter_result
    def __enter__(self):
        return self.enter_result
    def __exit__(self, *excinfo):
        return None

class ExitStack(AbstractContextManager):
    def __init__(self):
        self._exit_callbacks = []
    def enter_context(self, cm):
        result = cm.__enter__()
        self._exit_callbacks.append(cm.__exit__)
        return result
    def push(self, exit):
        self._exit_callbacks.append(exit)
        return exit
    def callback(self, callback, /, *args, **kwds):
        def _exit_wrapper(exc_type, exc, tb):
            callback(*args, **kwds)
        self._exit_callbacks.append(_exit_wrapper)
        return callback
    def close(self):
        self.__exit__(None, None, None)
    def __exit__(self, *exc_details):
        suppressed = False
        while self._exit_callbacks:
            cb = self._exit_callbacks.pop()
            if cb(*exc_details):
                suppressed = True
                exc_details = (None, None, None)
        return suppressed

class redirect_stdout(AbstractContextManager):
    def __init__(self, new_target):
        self._new_target = new_target
    def __enter__(self):
        import sys
        self._old = sys.stdout
        sys.stdout = self._new_target
        return self._new_target
    def __exit__(self, *exc):
        import sys
        sys.stdout = self._old

redirect_stderr = redirect_stdout
`;

export const typesSource = String.raw`
import sys

class SimpleNamespace:
    def __init__(self, mapping_or_iterable=(), /, **kwargs):
        self.__dict__.update(dict(mapping_or_iterable))
        self.__dict__.update(kwargs)
    def __repr__(self):
        items = (f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{'namespace' if type(self) is SimpleNamespace else type(self).__name__}({', '.join(items)})"
    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented
    __hash__ = None

def _f():
    pass

def _g():
    yield 1

class _C:
    def _m(self):
        pass

FunctionType = type(_f)
LambdaType = type(lambda: None)
GeneratorType = type(_g())
MethodType = type(_C()._m)
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
ModuleType = type(sys)
NoneType = type(None)
EllipsisType = type(Ellipsis)
NotImplementedType = type(NotImplemented)
MappingProxyType = type(type.__dict__)
CodeType = object

def new_class(name, bases=(), kwds=None, exec_body=None):
    ns = {}
    if exec_body is not None:
        exec_body(ns)
    meta = (kwds or {}).get("metaclass", type)
    return meta(name, tuple(bases), ns)

class DynamicClassAttribute(property):
    pass
`;

export const stringSource = String.raw`
whitespace = " \t\n\r\v\f"
ascii_lowercase = "abcdefghijklmnopqrstuvwxyz"
ascii_uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ascii_letters = ascii_lowercase + ascii_uppercase
digits = "0123456789"
hexdigits = digits + "abcdef" + "ABCDEF"
octdigits = "01234567"
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_` + "`" + String.raw`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace

def capwords(s, sep=None):
    return (sep or " ").join(map(str.capitalize, s.split(sep)))
`;
