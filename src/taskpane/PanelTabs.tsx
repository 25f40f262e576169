// The pane's navigation: one row of tabs that never wraps, the tabs that do not fit in a "More" menu beside it.
import { Overflow, OverflowItem, Tab, TabList, makeStyles, useOverflowCount } from "@fluentui/react-components";
import { lazy, Suspense, useEffect, useRef, useState } from "react";

// Fluent's menu (and the positioning and portal it brings) loads once a tab does not fit, not with the pane: the
// start-up budget. Until it has loaded (a moment, served with the pane) there is no button; the tabs stay usable.
const LazyMoreMenu = lazy(() => import(/* webpackChunkName: "more-menu" */ "./PanelTabsMenu").then((m) => ({ default: m.MoreMenu })));

const useStyles = makeStyles({
  // The overflow container: as wide as the pane and no wider; Fluent hides the tabs that do not fit (data-overflowing).
  row: { display: "flex", flexWrap: "nowrap", alignItems: "center", minWidth: 0, overflow: "hidden" },
  tabs: { flexWrap: "nowrap", minWidth: 0, "& > *": { flexShrink: 0 } },
});

export interface PanelTab<Id extends string> {
  id: Id;
  label: string;
}

interface PanelTabsProps<Id extends string> {
  tabs: readonly PanelTab<Id>[];
  selected: Id;
  select: (id: Id) => void;
}

/**
 * The tabs in the order given; at a narrow pane the last ones go into "More" (a menu button after the tab list, so the
 * list holds only tabs and keeps its arrow-key navigation). The open panel's tab is pinned: it is always in the row, so
 * the row always says where the user is.
 */
export function PanelTabs<Id extends string>({ tabs, selected, select }: PanelTabsProps<Id>) {
  const styles = useStyles();
  // A panel chosen from the menu: its tab (now in the row) takes the focus, where a keyboard user expects to be.
  const [focusRequests, setFocusRequests] = useState(0);
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusRequests === 0) return;
    // On the next frame: by then the overflow manager has shown the pinned tab, and the closing menu has put focus back
    // on its button.
    const frame = requestAnimationFrame(() => list.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus());
    return () => cancelAnimationFrame(frame);
  }, [focusRequests]);
  return (
    // No margin kept free (Fluent's default is 10 px): the row clips at its edge, so a tab can never push the pane wider,
    // and without one a pane with no layout (a page not yet shown, or jsdom) hides no tab.
    <Overflow padding={0}>
      <div className={styles.row}>
        <TabList ref={list} selectedValue={selected} onTabSelect={(_e, data) => select(data.value as Id)} aria-label="Capabilities" className={styles.tabs}>
          {tabs.map((tab) => (
            <OverflowItem key={tab.id} id={tab.id} pinned={tab.id === selected}>
              <Tab value={tab.id}>{tab.label}</Tab>
            </OverflowItem>
          ))}
        </TabList>
        <MoreMenu
          tabs={tabs}
          choose={(id) => {
            select(id);
            setFocusRequests((n) => n + 1);
          }}
        />
      </div>
    </Overflow>
  );
}

/** The menu of the tabs not in the row; not rendered while every tab fits. */
function MoreMenu<Id extends string>({ tabs, choose }: { tabs: readonly PanelTab<Id>[]; choose: (id: Id) => void }) {
  if (useOverflowCount() === 0) return null;
  return (
    <Suspense fallback={null}>
      <LazyMoreMenu tabs={tabs} choose={(id) => choose(id as Id)} />
    </Suspense>
  );
}
