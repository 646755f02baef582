// `logging` (messages go to the stderr sink; handlers that would write files are refused),
// `inspect` (signature and the is* predicates) and `numbers`, in Python.

export const loggingSource = String.raw`
import sys

CRITICAL = FATAL = 50
ERROR = 40
WARNING = WARN = 30
INFO = 20
DEBUG = 10
NOTSET = 0
_names = {50: "CRITICAL", 40: "ERROR", 30: "WARNING", 20: "INFO", 10: "DEBUG", 0: "NOTSET"}
_config = {"configured": False, "format": "%(levelname)s:%(name)s:%(message)s"}

def getLevelName(level):
    return _names.get(level, f"Level {level}")

class Formatter:
    def __init__(self, fmt=None, datefmt=None, style="%", **kwargs):
        self._fmt = fmt or "%(message)s"
    def format(self, record):
        return self._fmt % record.__dict__

class LogRecord:
    def __init__(self, name, level, msg, args):
        self.name = name
        self.levelno = level
        self.levelname = getLevelName(level)
        self.msg = msg
        self.args = args
        self.message = msg % args if args else str(msg)
        self.asctime = ""
        self.filename = ""
        self.lineno = 0
        self.funcName = ""
        self.module = ""
    def getMessage(self):
        return self.message

class Handler:
    def __init__(self, level=NOTSET):
        self.level = level
        self.formatter = None
    def setLevel(self, level):
        self.level = level
    def setFormatter(self, fmt):
        self.formatter = fmt
    def emit(self, record):
        pass
    def handle(self, record):
        if record.levelno >= self.level:
            self.emit(record)
    def close(self):
        pass
    def flush(self):
        pass

class StreamHandler(Handler):
    def __init__(self, stream=None):
        super().__init__()
        self.stream = stream
    def emit(self, record):
        text = self.formatter.format(record) if self.formatter else record.getMessage()
        (self.stream or sys.stderr).write(text + "\n")

class NullHandler(Handler):
    pass

class FileHandler(StreamHandler):
    def __init__(self, filename, *args, **kwargs):
        raise PermissionError("logging.FileHandler() is not available in nnlens: model files run without access to the file system")

class Logger:
    def __init__(self, name, level=NOTSET):
        self.name = name
        self.level = level
        self.handlers = []
        self.propagate = True
        self.disabled = False
    def setLevel(self, level):
        self.level = level if isinstance(level, int) else {v: k for k, v in _names.items()}.get(level, 0)
    def getEffectiveLevel(self):
        if self.level:
            return self.level
        return root.level if self is not root else WARNING
    def isEnabledFor(self, level):
        return level >= self.getEffectiveLevel()
    def addHandler(self, h):
        self.handlers.append(h)
    def removeHandler(self, h):
        if h in self.handlers:
            self.handlers.remove(h)
    def hasHandlers(self):
        return bool(self.handlers or root.handlers)
    def log(self, level, msg, *args, **kwargs):
        if self.disabled or not self.isEnabledFor(level):
            return
        record = LogRecord(self.name, level, msg, args)
        handlers = self.handlers or (root.handlers if self is not root or root.handlers else [])
        if handlers:
            for h in handlers:
                h.handle(record)
        elif level >= WARNING:
            sys.stderr.write(record.getMessage() + "\n")
    def debug(self, msg, *args, **kwargs):
        self.log(DEBUG, msg, *args, **kwargs)
    def info(self, msg, *args, **kwargs):
        self.log(INFO, msg, *args, **kwargs)
    def warning(self, msg, *args, **kwargs):
        self.log(WARNING, msg, *args, **kwargs)
    warn = warning
    def error(self, msg, *args, **kwargs):
        self.log(ERROR, msg, *args, **kwargs)
    def exception(self, msg, *args, **kwargs):
        self.log(ERROR, msg, *args, **kwargs)
    def critical(self, msg, *args, **kwargs):
        self.log(CRITICAL, msg, *args, **kwargs)
    fatal = critical

root = Logger("root", WARNING)
_loggers = {}

def getLogger(name=None):
    if not name or name == "root":
        return root
    if name not in _loggers:
        _loggers[name] = Logger(name)
    return _loggers[name]

def basicConfig(**kwargs):
    if "filename" in kwargs:
        raise PermissionError("logging.basicConfig(filename=...) is not available in nnlens: model files run without access to the file system")
    if root.handlers and not kwargs.get("force"):
        return
    h = StreamHandler(kwargs.get("stream"))
    h.setFormatter(Formatter(kwargs.get("format", "%(levelname)s:%(name)s:%(message)s")))
    root.handlers = [h]
    if "level" in kwargs:
        root.setLevel(kwargs["level"])

def debug(msg, *args, **kwargs):
    root.debug(msg, *args, **kwargs)
def info(msg, *args, **kwargs):
    root.info(msg, *args, **kwargs)
def warning(msg, *args, **kwargs):
    root.warning(msg, *args, **kwargs)
warn = warning
def error(msg, *args, **kwargs):
    root.error(msg, *args, **kwargs)
def exception(msg, *args, **kwargs):
    root.error(msg, *args, **kwargs)
def critical(msg, *args, **kwargs):
    root.critical(msg, *args, **kwargs)
def log(level, msg, *args, **kwargs):
    root.log(level, msg, *args, **kwargs)
def disable(level=CRITICAL):
    pass
def captureWarnings(capture):
    pass
`;

export const inspectSource = String.raw`
import _nnlens

class _empty:
    pass

class Parameter:
    POSITIONAL_ONLY = "POSITIONAL_ONLY"
    POSITIONAL_OR_KEYWORD = "POSITIONAL_OR_KEYWORD"
    VAR_POSITIONAL = "VAR_POSITIONAL"
    KEYWORD_ONLY = "KEYWORD_ONLY"
    VAR_KEYWORD = "VAR_KEYWORD"
    empty = _empty
    def __init__(self, name, kind, *, default=_empty, annotation=_empty):
        self.name = name
        self.kind = kind
        self.default = default
        self.annotation = annotation
    def __str__(self):
        prefix = "*" if self.kind == "VAR_POSITIONAL" else "**" if self.kind == "VAR_KEYWORD" else ""
        text = prefix + self.name
        if self.default is not _empty:
            text += "=" + repr(self.default)
        return text
    def __repr__(self):
        return f'<Parameter "{self}">'

class Signature:
    empty = _empty
    def __init__(self, parameters=None, return_annotation=_empty):
        self.parameters = {p.name: p for p in (parameters or [])}
        self.return_annotation = return_annotation
    def __str__(self):
        parts = []
        seen_star = False
        params = list(self.parameters.values())
        for i, p in enumerate(params):
            if p.kind == "KEYWORD_ONLY" and not seen_star:
                parts.append("*")
                seen_star = True
            if p.kind == "VAR_POSITIONAL":
                seen_star = True
            parts.append(str(p))
            if p.kind == "POSITIONAL_ONLY" and (i + 1 == len(params) or params[i + 1].kind != "POSITIONAL_ONLY"):
                parts.append("/")
        return "(" + ", ".join(parts) + ")"
    def __repr__(self):
        return f"<Signature {self}>"
    def bind(self, *args, **kwargs):
        return BoundArguments(self, args, kwargs)

class BoundArguments:
    def __init__(self, signature, args, kwargs):
        self.signature = signature
        self.arguments = {}
        params = list(signature.parameters.values())
        i = 0
        for p in params:
            if p.kind in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD") and i < len(args):
                self.arguments[p.name] = args[i]
                i += 1
            elif p.kind == "VAR_POSITIONAL":
                self.arguments[p.name] = tuple(args[i:])
                i = len(args)
            elif p.name in kwargs:
                self.arguments[p.name] = kwargs[p.name]
        if i < len(args):
            raise TypeError("too many positional arguments")
    def apply_defaults(self):
        for p in self.signature.parameters.values():
            if p.name not in self.arguments and p.default is not _empty:
                self.arguments[p.name] = p.default

def signature(obj, *, follow_wrapped=True):
    if follow_wrapped:
        while hasattr(obj, "__wrapped__") and not isinstance(obj, type):
            obj = obj.__wrapped__
    if not callable(obj):
        raise TypeError(f"{obj!r} is not a callable object")
    params = [Parameter(n, k, default=d) for (n, k, d) in _nnlens.parameters(obj, _empty)]
    return Signature(params)

def isclass(obj):
    return isinstance(obj, type)

def isfunction(obj):
    return _nnlens.is_python_function(obj)

def ismethod(obj):
    return type(obj).__name__ == "method"

def isbuiltin(obj):
    return _nnlens.is_builtin(obj)

def isroutine(obj):
    return isfunction(obj) or ismethod(obj) or isbuiltin(obj)

def ismodule(obj):
    return _nnlens.is_module(obj)

def isgeneratorfunction(obj):
    return _nnlens.is_generator_function(obj)

def isabstract(obj):
    return bool(getattr(obj, "__abstractmethods__", False))

def getmro(cls):
    return cls.__mro__

def getmembers(obj, predicate=None):
    out = []
    for name in dir(obj):
        try:
            value = getattr(obj, name)
        except AttributeError:
            continue
        if predicate is None or predicate(value):
            out.append((name, value))
    return out

def cleandoc(doc):
    lines = doc.expandtabs().split("\n")
    margin = None
    for line in lines[1:]:
        content = len(line.lstrip())
        if content:
            indent = len(line) - content
            margin = indent if margin is None else min(margin, indent)
    if margin is not None:
        lines = [lines[0]] + [line[margin:] for line in lines[1:]]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(line.rstrip() if i else line.lstrip() for i, line in enumerate(lines))

def getdoc(obj):
    doc = getattr(obj, "__doc__", None)
    return cleandoc(doc) if isinstance(doc, str) else None

def getsource(obj):
    raise OSError("inspect.getsource() is not available in nnlens: model files run without access to the file system")

def getfile(obj):
    f = getattr(obj, "__file__", None)
    if f is None:
        raise TypeError(f"{obj!r} is a built-in object")
    return f
`;

export const numbersSource = String.raw`
from abc import ABCMeta

class Number(metaclass=ABCMeta):
    __hash__ = None

class Complex(Number):
    pass

class Real(Complex):
    pass

class Rational(Real):
    pass

class Integral(Rational):
    pass

Integral.register(int)
Real.register(float)
`;
