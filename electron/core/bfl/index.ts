export { BflClient, type BflClientOptions, type SubmitAnswer } from './client';
export { BflError, parseRetryAfter, type SentState } from './errors';
export {
  isTerminal,
  moderationReasons,
  pollAnswerError,
  stateOf,
  type PollAnswer,
  type PollState,
} from './poll-answer';
export { inspectInputImage, stripDataUrlPrefix, toBase64, type InputImageInfo } from './input-image';
export { createProxyAwareFetch } from './proxy-fetch';
