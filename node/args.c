/* A small, strict argument parser shared by the commands. */
#include <string.h>

#include "node/args.h"

static const rx_argopt *find(const rx_argopt *opts, const char *name)
{
	for (; opts && opts->name; opts++)
		if (!strcmp(opts->name, name))
			return opts;
	return NULL;
}

int rx_node_args(int argc, char **argv, const rx_argopt *opts,
	const char **pos, size_t minpos, size_t maxpos, rx_error *err)
{
	size_t npos = 0;

	for (int i = 1; i < argc; i++) {
		const rx_argopt *o;

		if (argv[i][0] == '-' && argv[i][1] == '-') {
			if (!(o = find(opts, argv[i])))
				return rx_error_set(err, RX_EUSAGE, "没有选项 %.40s, 见 --help "
					"(unknown option)", argv[i]);
			if (o->flag) {
				*o->flag = 1;
				continue;
			}
			if (i + 1 >= argc)
				return rx_error_set(err, RX_EUSAGE, "选项 %.40s 缺少取值 (%s needs a "
					"value)", argv[i], argv[i]);
			*o->value = argv[++i];
			continue;
		}
		if (npos == maxpos)
			return rx_error_set(err, RX_EUSAGE, "多余的参数 '%.40s' (unexpected "
				"argument)", argv[i]);
		pos[npos++] = argv[i];
	}
	if (npos < minpos)
		return rx_error_set(err, RX_EUSAGE, "缺少参数, 见 --help (missing argument)");
	for (size_t i = npos; i < maxpos; i++)
		pos[i] = NULL;
	return 0;
}
