// Public face of the courts capability: the court tree, its jurisdiction rules, the seed.
export { COURT_LEVELS, type Court, type CourtInput, type CourtLevel, type CourtNode } from './courts.types';
export { canSeeCase, computeAncestors, supervises, withinJurisdiction, type CaseCourts } from './jurisdiction';
export { placementProblems } from './courts.rules';
export { parseCourtsCsv } from './courts.csv';
export { createCourtsRepository, type CourtsRepository } from './courts.repository';
export { createCourtsService, type CourtActor, type CourtEvent, type CourtEventSink, type CourtsService } from './courts.service';
export { courtsRoutes, presentCourt, type CourtGuards } from './courts.routes';
export { loadSeedCourts, SEED_DIR } from './courts.seed';
export { parseInput } from './validate';
