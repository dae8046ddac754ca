/* The command table: one entry per command, each implemented in cmd_*.c, with its help. */
#include <string.h>

#include "node/commands.h"

static const rx_cmd commands[] = {
	{ "init", rx_cmd_init, "--role city|county|school|device [--name N]",
	  "创建本节点的密钥, 市级同时创建根证书 (create this node's keys; a city also creates the root)",
	  "  --role R     city 市 | county 县 | school 学校 | device 设备\n"
	  "  --name N     显示名称, 如 城关中学 (display name)\n" },
	{ "identity", rx_cmd_identity, "[--fingerprint]",
	  "打印本节点的入网申请, 或根证书指纹 (print this node's enrolment request, or the root fingerprint)",
	  "  --fingerprint  只打印根证书指纹, 电话核对用 (only the root fingerprint, to read out on the phone)\n" },
	{ "enroll", rx_cmd_enroll, "REQUEST [--days N]",
	  "为下级的申请签发证书, 打印其入网包 (certify a child's request; prints its bundle)",
	  "  REQUEST      下级 identity 打印的申请文件 (the file the child's identity printed)\n"
	  "  --days N     证书有效天数 (days the certificate is valid)\n" },
	{ "join", rx_cmd_join, "BUNDLE [--root-fingerprint FP]",
	  "安装上级为本节点签发的入网包 (install the bundle made for this node)",
	  "  --root-fingerprint FP  核对根证书指纹 (check the root's fingerprint)\n" },
	{ "revoke", rx_cmd_revoke, "NODE --reason T",
	  "吊销一个下级节点, 如丢失的电脑 (revoke a descendant node, e.g. a lost laptop)",
	  "  NODE         节点编号 (node id)\n"
	  "  --reason T   理由 (why)\n" },
	{ "passwd", rx_cmd_passwd, "[--new-passphrase-file F]",
	  "更换本节点的口令, 密钥库以完整强度重新加密 (change this node's passphrase; the keystore is re-sealed at full strength)",
	  "  --new-passphrase-file F  新口令所在文件, 权限须为 600; 不给则在终端输两次 "
	  "(the new passphrase, from a 0600 file; else asked twice on the terminal)\n" },
	{ "allowed-signers", rx_cmd_allowed_signers, "",
	  "以 OpenSSH allowed_signers 格式打印所有已知密钥 (print every known key in OpenSSH allowed_signers form)",
	  NULL },
	{ "status", rx_cmd_status, "[--json]",
	  "本节点是谁, 证书链是否有效 (who this node is and its chain)", NULL },
	{ "remote", rx_cmd_remote,
	  "add NAME URL [--host-key KEY] [--create] | list [--json] | remove NAME",
	  "记住一个同步地址: U 盘路径或 git 地址 (remember a remote: USB path or git URL)",
	  "  add NAME URL     新增 (add); ssh 地址用 --host-key 固定主机密钥 (pin an ssh host key)\n"
	  "  --create         新建一个 U 盘仓库 (make a new stick)\n"
	  "  list | remove NAME  列出或删除 (list or remove)\n" },
	{ "sync", rx_cmd_sync, "[NAME|URL] [--create] [--batch-bytes N]",
	  "验证并接收远端的数据, 再推送本节点的 (verify and take in what the remote holds, then push ours)",
	  "  NAME|URL         不给: 同步所有已记住的地址 (none: every remote)\n"
	  "  --create         在这个路径新建 U 盘仓库 (a new stick at this path)\n"
	  "  --batch-bytes N  每批推送的字节数 (bytes per pushed batch)\n" },
	{ "hub-hook", rx_cmd_hub_hook, "[--install]",
	  "中心仓库的 git pre-receive 钩子, 或安装它 (git pre-receive hook of a hub, or install it)",
	  NULL },
	{ "hub", rx_cmd_hub, "status [--json|--format html] [--silent-days N] | silent-days N | views [--school ID] | post-receive | setup [--user U] [--conf-dir D] [--port N] [--url-path P] | check [--user U]",
	  "中心节点: 各校同步情况, 学校视图 (a hub: its schools at a glance, and their views)",
	  "  status           每所学校的最近记录, 最近推送, 未报上级的记录数, 长时间未同步的标出\n"
	  "                   (each school's last change-set, last push, owed upstream; silent ones flagged)\n"
	  "  --silent-days N  超过 N 天未同步即标出, 默认 14 (flag schools silent longer than N days)\n"
	  "  silent-days N    保存这个天数设置 (save that setting)\n"
	  "  views            新建并更新所有学校视图 (make and refresh every school's view)\n"
	  "  --school ID      只更新这所学校的 (only this school's)\n"
	  "  post-receive     git 的 post-receive 钩子, 由 hub-hook --install 安装 (git's post-receive hook)\n"
	  "  setup            (root) 由 lighttpd + git http-backend 以 www-data 提供服务: 目录归它所有,\n"
	  "                   安装钩子, 写入 lighttpd 配置 (serve the hub with lighttpd as www-data)\n"
	  "  --user U         服务用户, 默认 www-data; --conf-dir D 默认 /etc/lighttpd\n"
	  "  --port N         lighttpd 另外监听的端口; --url-path P 默认 /git\n"
	  "  check            逐条指出配置问题及处理办法, 有问题时退出码 2 (name what is wrong; exit 2)\n"
	  "推送记录见 HOME/hub.log (every push accepted or refused is logged in HOME/hub.log)\n" },
	{ "checkpoint", rx_cmd_checkpoint, "",
	  "中心节点为所持有的分支签发检查点 (a hub signs the tips it holds)", NULL },
	{ "import", rx_cmd_import,
	  "roster FILE.csv [--complete] | screening --scale S --round R [--administration 1|2] FILE.csv",
	  "导入花名册或一次测评 (import a roster or a screening administration)",
	  "  roster FILE          花名册: 学号,姓名,性别,出生日期,年级,班级,重点标记 (CSV 或 .xlsx)\n"
	  "  --complete           这是全校完整名单: 名单上没有的学生记为离校 (a complete roster: absent students are marked left)\n"
	  "  screening FILE       测评: 学号,日期,q1..qN (student_no, date, answers)\n"
	  "  --scale S            量表 phq9 | phq-a | gad7 (scale)\n"
	  "  --round R            轮次, 如 2024a (round)\n"
	  "  --administration N   第几次施测, 不给则自动判断 (which administration; default: chosen)\n"
	  "坏行逐行列出并跳过, 好行保留, 退出码 2 (bad lines are listed and skipped; exit 2).\n" },
	{ "add", rx_cmd_add, "TYPE field=value... | setting operator=NAME | setting clock-ahead-hours=N",
	  "新增或修改一条记录, id=编号 为修改 (add or update a record; id=ID updates)",
	  "  TYPE    student 学生, class 班级, staff 教职工, care-plan 一生一策,\n"
	  "          counselling 辅导, referral 转介, home-visit 家访, notice 家长告知,\n"
	  "          incident 极端事件, review 复盘报告, activity 活动\n"
	  "  字段可用代码、中文名或英文名 (field by code, Chinese or English name): 日期=今天\n"
	  "  日期可写 today/今天、yesterday/昨天; 新记录不写日期则记为今天\n"
	  "  (dates take today/yesterday; a new record without its date is dated today)\n"
	  "  runxin add TYPE --help 列出该类型的字段和取值 (lists the type's fields and values)\n"
	  "例 (example): runxin add counselling 学号=2024001 类型=面谈 日期=今天\n" },
	{ "list", rx_cmd_list, "TYPE [--level L] [--flag F] [--grade G] [--class C] [--json]",
	  "按类型列出记录, 可按学生筛选 (list records of a type, filtered by the student)",
	  "  --level L    等级 红|橙|黄|无 (level)\n"
	  "  --flag F     重点标记, 如 留守 (key group)\n"
	  "  --grade G    年级 (grade)     --class C   班级 (class)\n"
	  "  --json       机器可读输出, 英文键名 (machine-readable, English keys)\n" },
	{ "show", rx_cmd_show, "STUDENT [--json]",
	  "一名学生的完整档案, 按时间排列 (a student's whole archive as a timeline)",
	  "  STUDENT      学号或姓名; 重名时列出各人学号 (a 学号 or a name; several: listed, exit 1)\n" },
	{ "confirm", rx_cmd_confirm, "STUDENT --level L [--reason T]",
	  "一对一评估后确认学生的等级 (record the level confirmed after a one-to-one assessment)",
	  "  --level L    红|橙|黄|无 (level)\n"
	  "  --reason T   与建议等级不同时必填 (required when it differs from the proposal)\n" },
	{ "leave", rx_cmd_leave, "STUDENT --reason 毕业|转学|辍学 [--date D]",
	  "学生离校 (毕业、转学、辍学), 档案保留 (a student leaves; the archive is kept)",
	  "  --reason R   毕业|转学|辍学 (graduated|transferred|dropped)\n"
	  "  --date D     离校日期, 默认今天; 可写 today/今天 (date; default today)\n" },
	{ "delete", rx_cmd_delete, "TYPE ID [--reason T]",
	  "删除一条录错的记录 (留痕) (delete a wrong record: a tombstone, logged)",
	  "  TYPE ID      记录类别和编号, 见 list TYPE (the record's type and id)\n"
	  "  --reason T   删除原因, 记入访问日志; 删除测评、事件、复盘报告、评估时必填 (why; kept in the access log; required for screenings, incidents, reviews, confirmations)\n"
	  "学生不能删除, 请用 leave (students cannot be deleted: use leave).\n" },
	{ "print", rx_cmd_print, "letter STUDENT --kind inf|sug [--out FILE] [--contact TEXT]",
	  "打印致家长的知情书或建议书 (HTML) (a letter to the parents as printable HTML)",
	  "  --kind inf|sug   知情书 | 建议书 (information or suggestion letter)\n"
	  "  --out FILE       写入文件 (不覆盖已有文件) (write to FILE; never overwrites)\n"
	  "  --contact TEXT   联系人和电话 (contact)\n" },
	{ "due", rx_cmd_due, "[--grade G] [--class C] [--teacher NAME] [--overdue] [--json]",
	  "待办事项: 最急的在前, 显示逾期天数 (obligations still owed, most urgent first)",
	  "  --grade G        只列该年级, 如 8、八年级、初二 (only this grade)\n"
	  "  --class C        只列该班, 如 3、3班 (only this class)\n"
	  "  --teacher NAME   只列该班主任的班 (only the classes of this head teacher)\n"
	  "  --overdue        只列已逾期的 (only what is overdue)\n"
	  "  --json           机器可读输出 (machine-readable)\n" },
	{ "bench", rx_cmd_bench, "[--json] [--quick]",
	  "测量字节数、速度与规模 (measure bytes, rates, round trips and scale against baselines)",
	  "  --quick      小规模快速运行 (a short run)\n" },
	{ "audit", rx_cmd_audit, "[--format text|json|html] [--out FILE]",
	  "重新核验所持有的一切, 按县和学校报告, 无需密钥 (re-verify everything held, per county and school)",
	  "  --format F   text | json | html\n"
	  "  --out FILE   写入文件 (write to a file)\n" },
	{ "verify", rx_cmd_verify, "[--json]",
	  "重新核验本节点持有的每个分支 (re-verify every branch this node holds)", NULL },
	{ "stats", rx_cmd_stats,
	  "publish [--year Y --round R] | report [--format csv|json|html] [--lang zh] [--no-bom] [--epsilon E] [--out F] | setting KEY=N",
	  "向上报送统计, 或生成统计报表, 小数字隐藏 (publish statistics upward, or report them with small counts hidden)",
	  "  publish              报送到上级 (publish to the hub above)\n"
	  "  report               报表 (a report); --epsilon E 差分隐私噪声 (noise)\n"
	  "  report --lang zh     CSV 表头和取值用中文 (Chinese headers and values)\n"
	  "  report --no-bom      CSV 不带 BOM、换行 LF, 供程序读取 (no BOM, LF: for tools)\n"
	  "  setting threshold=N  小于 N 的数字隐藏 (counts hidden below N)\n"
	  "  setting ratio=N      每名心理教师对应的学生数 (students per psychology teacher)\n"
	  "  setting type=T       学校类型: 城区|乡镇中心|村小 (school type)\n"
	  "  setting stage=S      学段: 小学|初中|高中; 不设则按花名册最高年级 (stage; default from the roster)\n" },
	{ "inbox", rx_cmd_inbox, "[--json]",
	  "收到的极端事件和复盘报告: 期限与县级会签 (incidents and review reports received: deadline, countersignature)",
	  NULL },
	{ "report", rx_cmd_report, "show ID [--json] | sign ID --name NAME | send",
	  "查看复盘报告; 县级会签; 学校发送新报告 (read a review report; a county countersigns; a school sends)",
	  "  show ID            查看报告全文 (read the report)\n"
	  "  sign ID --name N   县教育局会签, 用本县密钥签名 (the county countersigns with its key)\n"
	  "  send               学校发送尚未发出的报告 (a school sends what is new)\n" },
	{ "transfer", rx_cmd_transfer, "STUDENT --to SCHOOL | --list [--json]",
	  "档案转接: 把学生档案加密转给另一所学校, 县市中转无法读取 (seal a student's archive to another school; "
	  "hubs relay it unread)",
	  "  --to SCHOOL  接收学校: 校名或学校编号 (the receiving school: name or node id)\n"
	  "  --list       本校的转入与转出及其状态 (this school's transfers in and out, and their state)\n" },
	{ "restore", rx_cmd_restore, "--recovery-key-file F --from URL HOME | --backup FILE HOME",
	  "本机丢失后, 凭学校的恢复密钥从县中心恢复全部档案, 或从备份文件恢复本节点, 到新目录 (restore a lost school's archive from its hub with the recovery key, or this node from a backup file, into a new folder)",
	  "  --recovery-key-file F  抄在纸上的恢复密钥 (the recovery key, typed in from paper)\n"
	  "  --from URL   县中心地址 (the county hub's URL)\n"
	  "  --backup FILE  runxin backup 写的备份文件, 需本节点口令 (a file runxin backup wrote; needs the node's passphrase)\n"
	  "  HOME         新目录, 须不存在 (a new folder; must not exist)\n" },
	{ "backup", rx_cmd_backup, "FILE",
	  "把本节点的全部数据写成一个加密并签名的备份文件, 密钥仍受口令保护 (write this node's home as one encrypted, signed backup file; keys stay under the passphrase)",
	  "  FILE         备份文件, 如 U 盘上的路径 (the backup file, e.g. on a USB stick)\n" },
	{ "dump", rx_cmd_dump, "",
	  "打印本节点档案状态的规范转储, 用于比对两个副本 (print the canonical dump of this node's archive state, to compare replicas)",
	  NULL },
	{ "accept", rx_cmd_accept, "ID [--as NO] | ID --refuse --reason T",
	  "接收 (或拒绝) 转入本校的学生档案 (accept, or refuse, a student's archive transferred here)",
	  "  --as NO      以本校学号接收 (take the student in under this student number)\n"
	  "  --refuse     拒绝, 须写 --reason 理由 (refuse, with --reason)\n" },
	{ "ui", rx_cmd_ui, "[--port N] [--open]",
	  "本机网页界面, 只在 127.0.0.1 上, 登录时输入口令 (the local web interface, on 127.0.0.1 only)",
	  "  --port N     端口, 默认 8620; 0 为任选空闲端口 (port; default 8620, 0: any free)\n"
	  "  --open       启动后打开浏览器 (open a browser)\n"
	  "  闲置超时: 设置 ui.idle_minutes, 默认 15 分钟 (idle timeout setting, default 15)\n" },
	{ "demo", rx_cmd_demo, "[DIR]",
	  "在本机搭建一个完整的市的演示 (build a whole city on this machine)", NULL },
	{ "policy", rx_cmd_policy, "add FILE... [--effective YYYY-MM-DD] | list [--json] | show NAME",
	  "市、县发布量表和规则文件, 经同步到达下级 (a city or county sets scales and rules; they reach the subtree by sync)",
	  "  add FILE...      检查并发布, 文件名为 名称.种类 (check and publish NAME.KIND files):\n"
	  "                   scale 量表, rules 预警规则, due 任务期限, groups 重点群体, calendar 校历,\n"
	  "                   compliance 达标与公开阈值, transfer 转接; 县级只能发 scale due calendar compliance\n"
	  "                   (a county may set scale, due, calendar, compliance only)\n"
	  "  --effective D    生效日期, 默认今天 (effective date, default today)\n"
	  "  有一个文件出错则什么都不发布, 逐个列出错误和行号, 退出码 2\n"
	  "  (if any file is bad nothing is published; each error with its line; exit 2)\n"
	  "  list             收到的政策: 名称, 种类, 版本, 生效日期, 设定者 (policies received)\n"
	  "  show NAME        今天执行的文件及其来源 (the file in force today and where it is from)\n" },
	{ "version", rx_cmd_version, "", "打印版本号 (print the version)", NULL },
	{ "help", NULL, "[COMMAND]", "列出所有命令, 或一个命令的用法 (list the commands, or one command's usage)",
	  NULL },
};

#define NCMDS (sizeof(commands) / sizeof(commands[0]))

const rx_cmd *rx_node_cmd_find(const char *name)
{
	for (size_t i = 0; i < NCMDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

void rx_node_usage(FILE *f)
{
	fprintf(f, "runxin %s — 润心: 学生心理健康工作的同步节点 (a sync node for student "
		"mental-health work)\n\n", rx_node_version());
	fprintf(f, "用法 (usage): runxin [-C HOME] [--passphrase-file F] COMMAND [...]\n\n"
		"命令 (commands):\n");
	for (size_t i = 0; i < NCMDS; i++)
		fprintf(f, "  %-16s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\n每个命令加 --help 看它的用法 (every command answers --help): "
		"runxin due --help\n"
		"全局选项 (global options): -C HOME 节点目录 (默认 $RUNXIN_HOME), "
		"--passphrase-file F, --version\n"
		"退出码 (exit codes): 0 成功 ok, 1 用法错误 usage, 2 输入无效 invalid input, "
		"3 验证或安全失败 verification or security, 4 传输失败可重试 transport (retry), "
		"5 内部错误 internal\n");
}

void rx_node_cmd_help(FILE *f, const rx_cmd *c)
{
	fprintf(f, "用法 (usage): runxin %s%s%s\n%s\n", c->name, c->usage[0] ? " " : "",
		c->usage, c->help);
	if (c->more)
		fprintf(f, "\n%s", c->more);
}
