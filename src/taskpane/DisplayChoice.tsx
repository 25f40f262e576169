// The pane's one display choice, compact enough for the header at 350 px: how negative amounts are shown.
import { Label, Select, makeStyles, tokens, useId } from "@fluentui/react-components";
import type { NegativeStyle } from "../rules/money";

const useStyles = makeStyles({
  choice: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  select: { width: "6.5rem" },
});

const SHOWN: Record<NegativeStyle, string> = { minus: "-£1,234", brackets: "(£1,234)" };

export function DisplayChoice({ negatives, choose }: { negatives: NegativeStyle; choose: (style: NegativeStyle) => void }) {
  const styles = useStyles();
  const id = useId("negatives");
  return (
    <div className={styles.choice}>
      <Label htmlFor={id} size="small">
        Negatives
      </Label>
      <Select
        id={id}
        size="small"
        className={styles.select}
        value={negatives}
        onChange={(_e, data) => choose(data.value as NegativeStyle)}
        title="How negative amounts are shown everywhere on the pane; stored with the workbook"
      >
        <option value="minus">{SHOWN.minus}</option>
        <option value="brackets">{SHOWN.brackets}</option>
      </Select>
    </div>
  );
}
