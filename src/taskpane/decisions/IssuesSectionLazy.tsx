// The Issue resolution section as the Decisions panel mounts it: its code loads on its own, after the panel's.
import { lazy, Suspense } from "react";

const IssuesSection = lazy(() => import("./IssuesSection"));

export function LazyIssuesSection() {
  return (
    <Suspense fallback={null}>
      <IssuesSection />
    </Suspense>
  );
}
