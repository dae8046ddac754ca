/* The style sheet, embedded: pages need nothing from outside (no font, script or CDN). */
#include "ops/ui/uiInt.h"

const char rx_ui_css[] =
	"body{font-family:\"Noto Sans CJK SC\",\"WenQuanYi Micro Hei\",\"Microsoft YaHei\",sans-serif;"
	"margin:0;color:#222;background:#f6f6f3;font-size:15px}\n"
	"header{background:#2e5e4e;color:#fff;padding:6px 16px;display:flex;gap:16px;align-items:center}\n"
	"header a{color:#fff;margin-right:14px}header .brand{font-weight:bold;font-size:18px}\n"
	"nav{flex:1}.inline{display:inline;margin:0}\n"
	"main{max-width:1280px;margin:0 auto;padding:8px 16px}h1{font-size:22px}h2{font-size:18px;"
	"margin-top:22px}\n"
	"table{border-collapse:collapse;background:#fff}th,td{border:1px solid #ccc;padding:3px 8px;"
	"text-align:left}th{background:#e8ece9}\n"
	"tr.lv3 td:first-child{border-left:6px solid #c62828}tr.lv2 td:first-child{border-left:6px "
	"solid #ef6c00}tr.lv1 td:first-child{border-left:6px solid #f9c30f}\n"
	"tr.part th{background:#d5ddd8;text-align:left}tr.late td{background:#fdecea}.msg{color:#b00020;font-weight:bold}.ok{color:#1b5e20;"
	"font-weight:bold}\n"
	".card{background:#fff;border:1px solid #ccc;padding:10px 14px;max-width:900px}\n"
	"pre.timeline{background:#fff;border:1px solid #ccc;padding:10px;white-space:pre-wrap}\n"
	".links a{margin-right:12px}.hidden{color:#777;background:repeating-linear-gradient(45deg,"
	"#eee,#eee 4px,#fff 4px,#fff 8px)}\n"
	"form.card p>label[for]{display:inline-block;min-width:5em;vertical-align:top}\n"
	"button{padding:3px 12px}:focus{outline:3px solid #1565c0}\n"
	"@media print{header,form,.links{display:none}body{background:#fff}}\n";
