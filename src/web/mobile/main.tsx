import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "./render-setup";
import "../i18n/i18n";
import "./mobile.css";
import { MobileApp } from "./mobile-app";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <MobileApp />
  </StrictMode>,
);
