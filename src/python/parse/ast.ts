// The typed Python AST: a tagged union on `kind`, produced by lower.ts from the tree-sitter tree.
// Every pass switches on `kind` and ends in assertNever, so a new node kind does not compile until
// each pass handles it. A few fields (name resolution, caches) are filled in by later passes.

/** 1-based line and column (UTF-16 code units, as editors count); `endCol` is one past the last character. */
export interface Span {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/**
 * How a name is found at run time, decided once by resolve.ts:
 * fast = a slot of the frame's locals; cell = a closure cell; global = module dict then builtins;
 * name = class namespace, then globals, then builtins; classcell = class namespace, then a cell.
 */
export type NameScope = 'fast' | 'cell' | 'global' | 'name' | 'classcell';

/** A name that is read, written or deleted; resolve.ts fills `scope` and `slot`. */
export interface NameRef extends Span {
  id: string;
  scope: NameScope;
  slot: number;
}

// ---------------------------------------------------------------- expressions

export interface NameExpr extends NameRef { kind: 'Name' }
export interface IntExpr extends Span { kind: 'Int'; value: number | bigint }
/** `cache` holds the run-time float object so a literal is boxed once. */
export interface FloatExpr extends Span { kind: 'Float'; value: number; cache: unknown }
export interface StrExpr extends Span { kind: 'Str'; value: string }
export interface ConstExpr extends Span { kind: 'Const'; value: 'None' | 'True' | 'False' | 'Ellipsis' }

export interface FormattedValue extends Span {
  value: Expr;
  conversion: '' | 'r' | 's' | 'a';
  spec: FStringPart[] | null;
}
export type FStringPart = string | FormattedValue;
export interface FStringExpr extends Span { kind: 'FString'; parts: FStringPart[] }

export type BinOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@' | '<<' | '>>' | '&' | '|' | '^';
export type CmpOperator = '<' | '>' | '==' | '>=' | '<=' | '!=' | 'in' | 'not in' | 'is' | 'is not';
export type UnaryOperator = '-' | '+' | '~' | 'not';

export interface BinOpExpr extends Span { kind: 'BinOp'; op: BinOperator; left: Expr; right: Expr }
export interface UnaryOpExpr extends Span { kind: 'UnaryOp'; op: UnaryOperator; operand: Expr }
export interface BoolOpExpr extends Span { kind: 'BoolOp'; op: 'and' | 'or'; values: Expr[] }
export interface CompareExpr extends Span { kind: 'Compare'; left: Expr; ops: CmpOperator[]; comparators: Expr[] }

/** `name` null is a `**mapping` argument. */
export interface Keyword extends Span { name: string | null; value: Expr }
/** `simple`: only plain positional and named arguments (no `*`/`**`), the common fast path. */
export interface CallExpr extends Span { kind: 'Call'; func: Expr; args: Expr[]; keywords: Keyword[]; simple: boolean }
export interface AttributeExpr extends Span { kind: 'Attribute'; value: Expr; attr: string }
export interface SubscriptExpr extends Span { kind: 'Subscript'; value: Expr; index: Expr }
export interface SliceExpr extends Span { kind: 'Slice'; lower: Expr | null; upper: Expr | null; step: Expr | null }
export interface StarredExpr extends Span { kind: 'Starred'; value: Expr }
export interface TupleExpr extends Span { kind: 'Tuple'; elts: Expr[] }
export interface ListExpr extends Span { kind: 'List'; elts: Expr[] }
export interface SetExpr extends Span { kind: 'Set'; elts: Expr[] }
/** A null key is a `**mapping` entry. */
export interface DictExpr extends Span { kind: 'Dict'; keys: (Expr | null)[]; values: Expr[] }

export interface Comprehension extends Span { target: Expr; iter: Expr; ifs: Expr[] }
export interface ListCompExpr extends Span { kind: 'ListComp'; elt: Expr; generators: Comprehension[]; scope: ScopeInfo }
export interface SetCompExpr extends Span { kind: 'SetComp'; elt: Expr; generators: Comprehension[]; scope: ScopeInfo }
export interface GeneratorExpr extends Span { kind: 'GeneratorExp'; elt: Expr; generators: Comprehension[]; scope: ScopeInfo }
export interface DictCompExpr extends Span {
  kind: 'DictComp';
  key: Expr;
  value: Expr;
  generators: Comprehension[];
  scope: ScopeInfo;
}
export interface LambdaExpr extends Span { kind: 'Lambda'; params: Params; body: Expr; scope: ScopeInfo; code: CodeInfo }
export interface IfExpExpr extends Span { kind: 'IfExp'; test: Expr; body: Expr; orelse: Expr }
export interface NamedExpr extends Span { kind: 'NamedExpr'; target: NameExpr; value: Expr }
export interface YieldExpr extends Span { kind: 'Yield'; value: Expr | null }
export interface YieldFromExpr extends Span { kind: 'YieldFrom'; value: Expr }
/** A construct nnlens does not run; evaluating it raises NotImplementedError with this message. */
export interface UnsupportedExpr extends Span { kind: 'UnsupportedExpr'; message: string }

export type Expr =
  | NameExpr | IntExpr | FloatExpr | StrExpr | ConstExpr | FStringExpr
  | BinOpExpr | UnaryOpExpr | BoolOpExpr | CompareExpr
  | CallExpr | AttributeExpr | SubscriptExpr | SliceExpr | StarredExpr
  | TupleExpr | ListExpr | SetExpr | DictExpr
  | ListCompExpr | SetCompExpr | GeneratorExpr | DictCompExpr
  | LambdaExpr | IfExpExpr | NamedExpr | YieldExpr | YieldFromExpr | UnsupportedExpr;

// ---------------------------------------------------------------- functions and scopes

export interface Param extends Span {
  name: string;
  default: Expr | null;
  /** Annotation source text; annotations are accepted and never evaluated. */
  annotation: string | null;
}

/** Parameters in declaration order; frame slots follow the same order: positional, *args, keyword-only, **kwargs. */
export interface Params {
  posonly: number;
  positional: Param[];
  vararg: Param | null;
  kwonly: Param[];
  kwarg: Param | null;
}

/** Filled by resolve.ts: the frame layout of a function, lambda, comprehension, class body or module. */
export interface ScopeInfo {
  kind: 'module' | 'function' | 'class' | 'comprehension';
  /** Names of the fast slots, parameters first. */
  localNames: string[];
  /** Names of the cells: this scope's own cells first, then the free variables it captures. */
  cellNames: string[];
  ncellvars: number;
  /** For each free variable, the index of the cell it comes from in the enclosing frame. */
  freeFrom: number[];
  /** Parameters that are captured by inner scopes: [fast slot, cell slot], copied when a call starts. */
  cellParams: [number, number][];
  /** The `__class__` cell (class body: the cell it fills; method: the cell zero-argument super() reads), or -1. */
  classCell: number;
}

/** What the evaluator needs to run a function body; shared by `def` and `lambda`. */
export interface CodeInfo {
  name: string;
  qualname: string;
  params: Params;
  scope: ScopeInfo;
  isGenerator: boolean;
  isAsync: boolean;
  span: Span;
  /** Cached by the evaluator: the parameter layout used to bind arguments. */
  sig: unknown;
}

// ---------------------------------------------------------------- statements

export interface ExprStmt extends Span { kind: 'Expr'; value: Expr }
export interface AssignStmt extends Span { kind: 'Assign'; targets: Expr[]; value: Expr }
export interface AugAssignStmt extends Span { kind: 'AugAssign'; target: Expr; op: BinOperator; value: Expr }
export interface AnnAssignStmt extends Span {
  kind: 'AnnAssign';
  target: Expr;
  annotation: string;
  value: Expr | null;
  /** True for a plain name target, which is recorded in `__annotations__` at module and class level. */
  simple: boolean;
}
export interface ReturnStmt extends Span { kind: 'Return'; value: Expr | null }
export interface PassStmt extends Span { kind: 'Pass' }
export interface BreakStmt extends Span { kind: 'Break' }
export interface ContinueStmt extends Span { kind: 'Continue' }
export interface DeleteStmt extends Span { kind: 'Delete'; targets: Expr[] }
export interface GlobalStmt extends Span { kind: 'Global'; names: string[] }
export interface NonlocalStmt extends Span { kind: 'Nonlocal'; names: string[] }
export interface IfStmt extends Span { kind: 'If'; test: Expr; body: Stmt[]; orelse: Stmt[] }
export interface WhileStmt extends Span { kind: 'While'; test: Expr; body: Stmt[]; orelse: Stmt[] }
export interface ForStmt extends Span { kind: 'For'; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[] }
export interface ExceptHandler extends Span { type: Expr | null; name: NameRef | null; body: Stmt[] }
export interface TryStmt extends Span {
  kind: 'Try';
  body: Stmt[];
  handlers: ExceptHandler[];
  orelse: Stmt[];
  finalbody: Stmt[];
}
export interface RaiseStmt extends Span { kind: 'Raise'; exc: Expr | null; cause: Expr | null }
export interface WithItem extends Span { context: Expr; target: Expr | null }
export interface WithStmt extends Span { kind: 'With'; items: WithItem[]; body: Stmt[] }
export interface AssertStmt extends Span { kind: 'Assert'; test: Expr; msg: Expr | null }
export interface FunctionDefStmt extends Span {
  kind: 'FunctionDef';
  name: NameRef;
  decorators: Expr[];
  returns: string | null;
  body: Stmt[];
  code: CodeInfo;
  /** The `def` line's name, for listings. */
  nameSpan: Span;
}
export interface ClassDefStmt extends Span {
  kind: 'ClassDef';
  name: NameRef;
  qualname: string;
  bases: Expr[];
  keywords: Keyword[];
  decorators: Expr[];
  body: Stmt[];
  scope: ScopeInfo;
  nameSpan: Span;
}
export interface ImportAlias extends Span { name: string; asname: string | null; target: NameRef }
export interface ImportStmt extends Span { kind: 'Import'; names: ImportAlias[] }
/** `names` null is `from m import *`. */
export interface ImportFromStmt extends Span { kind: 'ImportFrom'; module: string; level: number; names: ImportAlias[] | null }
/** A construct nnlens does not run; executing it raises NotImplementedError with this message. */
export interface UnsupportedStmt extends Span { kind: 'Unsupported'; message: string }

export type Stmt =
  | ExprStmt | AssignStmt | AugAssignStmt | AnnAssignStmt | ReturnStmt | PassStmt | BreakStmt | ContinueStmt
  | DeleteStmt | GlobalStmt | NonlocalStmt | IfStmt | WhileStmt | ForStmt | TryStmt | RaiseStmt | WithStmt
  | AssertStmt | FunctionDefStmt | ClassDefStmt | ImportStmt | ImportFromStmt | UnsupportedStmt;

export interface ModuleNode extends Span {
  kind: 'Module';
  body: Stmt[];
  scope: ScopeInfo;
  /** The module docstring, when the file starts with a string literal. */
  docstring: string | null;
}

export function assertNever(x: never, what = 'node'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify((x as { kind?: string }).kind ?? x)}`);
}

export function emptyScope(kind: ScopeInfo['kind']): ScopeInfo {
  return { kind, localNames: [], cellNames: [], ncellvars: 0, freeFrom: [], cellParams: [], classCell: -1 };
}
