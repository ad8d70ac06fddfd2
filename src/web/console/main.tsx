import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "../i18n/i18n";
import "./console.css";
import { ConsoleApp } from "./console-app";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ConsoleApp />
  </StrictMode>,
);
