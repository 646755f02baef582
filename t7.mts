import { initParser, parse } from './src/python';
import { readFileSync } from 'node:fs';
await initParser();
const p = parse(readFileSync('examples/lenet.py', 'utf8'));
const ifs = p.module.body.at(-1) as any;
console.log(JSON.stringify(ifs.body[0], (k, v) => (k === 'scope' || k === 'code') ? undefined : v).slice(0, 600));
