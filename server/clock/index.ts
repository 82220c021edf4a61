export { manualClock, systemClock, ClockError, type Clock } from './clock';
export { addIsoDuration } from './duration';
