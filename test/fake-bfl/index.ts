export { startFakeBfl, DEFAULT_FAKE_KEY } from './server';
export { faultsFromPrompt, FAULT_MARKERS } from './faults';
export type {
  DownloadRecord,
  FakeBfl,
  FakeBflOptions,
  Fault,
  HostName,
  PollRecord,
  RequestRecord,
  SubmitRecord,
  TaskView,
} from './types';
