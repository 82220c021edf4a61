// Form.io's bootstrap templates write a few English aria-labels (read aloud by screen
// readers) without passing them through i18n: translated in the builder's DOM as they appear.
const ARIA: Record<string, string> = {
  'Remove button. Click to remove component from the form': '删除：从表单中删除此字段',
  'Copy button. Click to copy component': '复制此字段',
  'Paste below button. Click to paste component below the current component': '粘贴到此字段下方',
  'Move button': '拖动以移动此字段',
  'Edit button. Click to open component settings modal window': '设置：打开此字段的设置',
  'Edit json button. Click to edit json of the current component': '编辑此字段的 JSON',
  'Close modal window.': '关闭窗口',
  'Wizard navigation': '分页导航',
  navigation: '导航',
};

function localize(root: ParentNode): void {
  for (const el of root.querySelectorAll('[aria-label]')) {
    const v = el.getAttribute('aria-label');
    if (v && ARIA[v]) el.setAttribute('aria-label', ARIA[v]);
  }
}

/** Keeps aria-labels Chinese in the builder and in the dialogs it opens (appended to body). */
export function localizeBuilderDom(): () => void {
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'attributes') {
        const el = m.target as Element;
        const v = el.getAttribute('aria-label');
        if (v && ARIA[v]) el.setAttribute('aria-label', ARIA[v]);
      } else {
        for (const n of m.addedNodes) if (n instanceof Element) localize(n.parentElement ?? n);
      }
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
  localize(document);
  return () => observer.disconnect();
}
