// One message in a panel, as Fluent's MessageBar: errors are alerts (read out at once), successes are status messages.
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { ReactNode } from "react";
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

/** What came of a panel's action: its message as a success, or its error as an alert. */
export function OutcomeNotice({ outcome }: { outcome: Outcome | undefined }) {
  if (!outcome) return null;
  return <Notice intent={outcome.ok ? "success" : "error"}>{outcome.message}</Notice>;
}
