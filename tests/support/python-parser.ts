/**
 * Every test file: the analyzer's parser (WebAssembly, loaded asynchronously) is ready first.
 * A file that runs in jsdom (`@jest-environment jsdom`, to render React into a DOM) analyses
 * nothing, and its environment has no parser handed over: it is left without one.
 */
import { initPythonParserFromFiles } from '../../src/engine/python-parser';

beforeAll(() =>
  typeof document === 'undefined' ? initPythonParserFromFiles() : undefined
);
