// Registers the standard-library modules nnlens provides. Each module is built on first import,
// per interpreter: natives in TS where speed or host access matters, Python source otherwise.
import { registerStdlibModule as registerModule } from '../eval/modules';
import { internalModule } from './internal';
import { jsonModule } from './json';
import { mathModule } from './math';
import { randomModule } from './random';
import { osModule, osPathModule, refusedModules, sysModule, timeModule } from './sandbox';
import { sourceModule } from './source';
import { abcSource, collectionsAbcSource } from './py-abc';
import { collectionsSource } from './py-collections';
import { copySource } from './py-copy';
import { dataclassesSource } from './py-dataclasses';
import { enumSource } from './py-enum';
import { functoolsSource, operatorSource } from './py-functional';
import { inspectSource, loggingSource, numbersSource } from './py-introspect';
import { itertoolsSource } from './py-itertools';
import { contextlibSource, stringSource, typesSource, warningsSource } from './py-misc';
import { typingSource } from './py-typing';

export { sourceModule };

registerModule('_nnlens', internalModule);
registerModule('math', mathModule);
registerModule('json', jsonModule);
registerModule('random', randomModule);
registerModule('sys', sysModule);
registerModule('os', osModule);
registerModule('os.path', osPathModule);
registerModule('time', timeModule);
for (const [name, f] of Object.entries(refusedModules())) registerModule(name, f);

const sources: Record<string, string> = {
  abc: abcSource,
  'collections.abc': collectionsAbcSource,
  collections: collectionsSource,
  copy: copySource,
  dataclasses: dataclassesSource,
  enum: enumSource,
  functools: functoolsSource,
  itertools: itertoolsSource,
  operator: operatorSource,
  typing: typingSource,
  typing_extensions: typingSource,
  warnings: warningsSource,
  contextlib: contextlibSource,
  types: typesSource,
  string: stringSource,
  logging: loggingSource,
  inspect: inspectSource,
  numbers: numbersSource,
};
for (const [name, src] of Object.entries(sources)) registerModule(name, sourceModule(name, src));
