// A RAG status as a coloured badge, its explanation on hover: the same in every control total table.
import { Badge } from "@fluentui/react-components";
import type { Rag } from "../../rules/controlTotal";
import { capitalised } from "../format";

const RAG_COLOUR: Record<Rag, "success" | "warning" | "danger"> = { green: "success", amber: "warning", red: "danger" };

export function RagBadge({ rag, title }: { rag: Rag; title?: string }) {
  return (
    <Badge color={RAG_COLOUR[rag]} appearance="filled" title={title}>
      {capitalised(rag)}
    </Badge>
  );
}
