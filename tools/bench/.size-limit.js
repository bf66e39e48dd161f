// size-limit checks of the four feature packages: see src/budgets.mjs. Run with `pnpm --filter @allmhub/bench size`;
// CI runs them through test/size-limit.test.ts.
import { SIZE_BUDGETS, sizeEsbuildOptions } from "./src/budgets.mjs";

export default SIZE_BUDGETS.map(({ name, consumer, budget }) => ({
  name,
  path: consumer,
  limit: `${budget} B`,
  gzip: true,
  modifyEsbuildConfig: sizeEsbuildOptions,
}));
