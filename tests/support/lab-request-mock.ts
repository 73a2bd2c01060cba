/**
 * The lab's server requests as Jest mocks. A test file says
 * `jest.mock('../../../src/lab/api/request', () => require('../../support/lab-request-mock').requestModule());`
 * (jest.mock must stay in the file: Jest hoists it there) and gets the typed mocks from `labRequests()`.
 */
import type { postAPI, requestAPI } from '../../src/lab/api/request';

export function requestModule(): {
  requestAPI: jest.Mock;
  postAPI: jest.Mock;
} {
  return { requestAPI: jest.fn(), postAPI: jest.fn() };
}

/** The mocked functions, typed as the real ones (call after jest.mock above). */
export function labRequests(): {
  request: jest.MockedFunction<typeof requestAPI>;
  post: jest.MockedFunction<typeof postAPI>;
} {
  const mocked = jest.requireMock('../../src/lab/api/request');
  return { request: mocked.requestAPI, post: mocked.postAPI };
}
