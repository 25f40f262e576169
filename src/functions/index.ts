// The functions entry: registers the ICS functions with Excel's shared runtime.
import "./runtimeGuard";
import "./functions";
import "./controlTotal";
import "./allocation";
import "./monitoring";
import "./planAlignment";
import "./capital";
