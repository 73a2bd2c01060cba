/** Every test file: the analyzer's parser (WebAssembly, loaded asynchronously) is ready first. */
import { initPythonParserFromFiles } from '../../src/engine/python-parser';

beforeAll(() => initPythonParserFromFiles());
