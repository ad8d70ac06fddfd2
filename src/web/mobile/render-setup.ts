import { unstableSetRender } from "antd-mobile";
import { createRoot, type Root } from "react-dom/client";

/**
 * antd-mobile 5 renders Toast and Dialog with the legacy ReactDOM.render, which React 19 removed;
 * this hands it createRoot instead (https://mobile.ant.design/guide/v5-for-19).
 */
unstableSetRender((node, container) => {
  const host = container as Element & { __llRoot?: Root };
  host.__llRoot ??= createRoot(host);
  const root = host.__llRoot;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    delete host.__llRoot;
  };
});
