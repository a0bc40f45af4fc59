/* cairn — version */
#include "cairn/cairn.h"

#ifndef CAIRN_VERSION
#define CAIRN_VERSION "0.0.0"
#endif

const char *cairn_version(void)
{
	return CAIRN_VERSION;
}
