/* The command table: one entry per command, each implemented in cmd_*.c. */
#include <string.h>

#include "node/commands.h"

static const rx_cmd commands[] = {
	{ "init", rx_cmd_init, "--role city|county|school|device [--name N]",
	  "create this node's keys (a city also creates the root)" },
	{ "identity", rx_cmd_identity, "[--fingerprint]",
	  "print this node's enrolment request (or the root fingerprint)" },
	{ "enroll", rx_cmd_enroll, "REQUEST [--days N]",
	  "certify a child's request; prints its bundle" },
	{ "join", rx_cmd_join, "BUNDLE [--root-fingerprint FP]",
	  "install the bundle made for this node" },
	{ "revoke", rx_cmd_revoke, "NODE --reason T", "revoke a descendant node" },
	{ "allowed-signers", rx_cmd_allowed_signers, "",
	  "print every known key in OpenSSH allowed_signers form" },
	{ "status", rx_cmd_status, "[--json]", "who this node is and its chain" },
	{ "remote", rx_cmd_remote,
	  "add NAME URL [--host-key KEY] [--create] | list [--json] | remove NAME",
	  "remember a remote (USB path or git URL; ssh: pin its host key; --create: a new stick)" },
	{ "sync", rx_cmd_sync, "[NAME|URL] [--create] [--batch-bytes N]",
	  "verify and take in what the remote holds, then push ours" },
	{ "hub-hook", rx_cmd_hub_hook, "[--install]",
	  "git pre-receive hook of a hub (or install it)" },
	{ "checkpoint", rx_cmd_checkpoint, "", "a hub signs the tips it holds" },
	{ "import", rx_cmd_import,
	  "roster FILE.csv [--complete] | screening --scale S --round R [--administration 1|2] FILE.csv",
	  "import a roster or a screening administration" },
	{ "add", rx_cmd_add, "TYPE field=value... | setting operator=NAME",
	  "add or update a record (id=ID updates)" },
	{ "list", rx_cmd_list, "TYPE [--level L] [--flag F] [--grade G] [--class C] [--json]",
	  "list records of a type" },
	{ "show", rx_cmd_show, "STUDENT [--json]", "a student's whole archive as a timeline" },
	{ "confirm", rx_cmd_confirm, "STUDENT --level L [--reason T]",
	  "record the level confirmed after a one-to-one assessment" },
	{ "leave", rx_cmd_leave, "STUDENT --reason 毕业|转学|辍学 [--date D]",
	  "a student leaves (graduated, transferred, dropped); the archive is kept" },
	{ "delete", rx_cmd_delete, "TYPE ID [--reason T]",
	  "delete a wrong record (a tombstone, logged)" },
	{ "due", rx_cmd_due, "[--json]", "obligations: overdue first, then upcoming" },
	{ "print", rx_cmd_print, "letter STUDENT --kind inf|sug [--out FILE] [--contact TEXT]",
	  "a letter to the parents (知情书/建议书) as printable HTML" },
	{ "bench", rx_cmd_bench, "[--json] [--quick]",
	  "measure bytes, rates, round trips and scale against baselines" },
	{ "audit", rx_cmd_audit, "[--format text|json|html] [--out FILE]",
	  "re-verify everything held, per county and school (no key needed)" },
	{ "verify", rx_cmd_verify, "[--json]", "re-verify every branch this node holds" },
	{ "stats", rx_cmd_stats,
	  "publish [--round R] | report [--format csv|json|html] [--epsilon E] [--out F]",
	  "publish statistics upward, or report them with small counts hidden" },
	{ "inbox", rx_cmd_inbox, "[--json]",
	  "incidents and review reports received: deadline and county countersignature" },
	{ "report", rx_cmd_report, "show ID [--json] | sign ID --name NAME | send",
	  "read a review report; a county countersigns it; a school sends what is new" },
	{ "demo", rx_cmd_demo, "[DIR]", "build a whole city on this machine" },
	{ "help", NULL, "", "list the commands" },
};

const rx_cmd *rx_node_cmd_find(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

void rx_node_usage(FILE *f)
{
	fprintf(f, "usage: runxin [-C HOME] [--passphrase-file F] COMMAND [...]\n\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %s %s\n      %s\n", commands[i].name,
			commands[i].usage, commands[i].help);
	fprintf(f, "\nexit codes: 0 ok, 1 usage, 2 invalid input, 3 verification or "
		"security failure, 4 transport failure (retry), 5 internal error\n");
}
