// The "More" menu of the pane's tabs, loaded on its own: Fluent's menu and the positioning it brings are not needed to
// show the pane, only once a tab does not fit (PanelTabs.tsx renders it then).
import { Menu, MenuButton, MenuItem, MenuList, MenuPopover, MenuTrigger, makeStyles, useIsOverflowItemVisible, useOverflowMenu } from "@fluentui/react-components";

const useStyles = makeStyles({
  more: { flexShrink: 0, whiteSpace: "nowrap" },
});

export interface MoreMenuProps {
  tabs: readonly { id: string; label: string }[];
  choose: (id: string) => void;
}

/**
 * The menu button and the menu of the tabs not in the row. It registers its button with the overflow manager when it
 * mounts (here, once loaded), so the row is measured again with room for it.
 */
export function MoreMenu({ tabs, choose }: MoreMenuProps) {
  const styles = useStyles();
  const { ref, overflowCount: count } = useOverflowMenu<HTMLButtonElement>();
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton ref={ref} appearance="subtle" className={styles.more} aria-label={`More panels (${count})`}>
          More
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {tabs.map((tab) => (
            <HiddenTabItem key={tab.id} tab={tab} choose={choose} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

/** A tab's entry in the menu, there only while the tab itself is hidden. */
function HiddenTabItem({ tab, choose }: { tab: { id: string; label: string }; choose: (id: string) => void }) {
  const visible = useIsOverflowItemVisible(tab.id);
  if (visible) return null;
  return <MenuItem onClick={() => choose(tab.id)}>{tab.label}</MenuItem>;
}
