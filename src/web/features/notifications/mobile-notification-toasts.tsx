import { Toast } from "antd-mobile";
import { useNotificationStream } from "./use-notification-stream";

/** While the phone app is open: new notifications arrive over the event stream and show as a toast. */
export function MobileNotificationToasts() {
  useNotificationStream((n) => Toast.show({ content: n.title, position: "top", duration: 3000 }));
  return null;
}
