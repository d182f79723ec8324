// Moved to test/kit; kept for the suites another change is reworking (test/store).
export * from '../kit/server';
