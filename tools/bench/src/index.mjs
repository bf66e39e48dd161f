export { interleave, median, now, pairedRatio, quantile, roundOrder, runNodeTimed, summarize } from "./stats.mjs";
export { CHAT_EXAMPLE, STREAM_EXAMPLE, chatFixtures, loadSpec, longChatStream } from "./fixtures.mjs";
export { DEFAULT_STREAM_CHUNKS, createBenchServer, spawnBenchServer, startBenchServer } from "./server.mjs";
export { OVERHEAD_CONTENDERS, overheadCalls, runOverhead } from "./overhead.mjs";
export { STREAM_CONTENDERS, runStream, streamReaders } from "./stream.mjs";
export { KB, KNOWN_OVER_BUDGET, SIZE_BUDGETS, VENDOR_CONSUMERS, sizeEsbuildOptions } from "./budgets.mjs";
export { EMPTY_ESBUILD_GZIP, bundleSize, runSize } from "./size.mjs";
export { TYPECHECK_SUBJECTS, parseDiagnostics, runTypecheck, typecheckOnce } from "./typecheck.mjs";
export { EDITED_FILE, REPO_ROOT, editedSchema, regenOnce, regenSteps, runRegen } from "./regen.mjs";
export {
  README_END,
  README_START,
  formatKb,
  formatRatio,
  mergeResults,
  readFigures,
  readStoredResults,
  renderMarkdown,
  replaceFigures,
  SECTIONS,
  STORED_RESULTS,
  verdicts,
  writeFigures,
} from "./report.mjs";
