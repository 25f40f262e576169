// One message in a panel, as Fluent's MessageBar: errors are alerts (read out at once), successes are status messages.
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useEffect, useRef, type ReactNode } from "react";
import type { Outcome } from "./useAction";

const ROLE = { error: "alert", warning: undefined, success: "status", info: undefined } as const;

export function Notice({ intent, title, children }: { intent: "error" | "warning" | "success" | "info"; title?: string; children: ReactNode }) {
  return (
    <MessageBar intent={intent} role={ROLE[intent]}>
      <MessageBarBody>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * What came of a panel's action, by the action: its message as a success, or its error as an alert. When it appears,
 * it is brought into view and focus moves to it, so the person sees it where they are and a screen reader reads it.
 */
export function OutcomeNotice({ outcome }: { outcome: Outcome | undefined }) {
  const at = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!outcome) return;
    at.current?.scrollIntoView?.({ block: "nearest" });
    at.current?.focus({ preventScroll: true });
  }, [outcome]);
  if (!outcome) return null;
  return (
    <div ref={at} tabIndex={-1} data-testid="action-outcome">
      <Notice intent={outcome.ok ? "success" : "error"}>{outcome.message}</Notice>
    </div>
  );
}

/**
 * Why a panel cannot use a table it reads. The panel re-reads after every edit in the grid, so this can appear while the
 * user is further down the panel: it is brought into view (and, as an alert, read out), and the panel's inputs stay.
 */
export function ReadProblem({ title, children }: { title?: string; children: ReactNode }) {
  const at = useRef<HTMLDivElement>(null);
  useEffect(() => {
    at.current?.scrollIntoView?.({ block: "nearest" });
  }, [children]);
  return (
    <div ref={at}>
      <Notice intent="error" title={title}>
        {children}
      </Notice>
    </div>
  );
}
