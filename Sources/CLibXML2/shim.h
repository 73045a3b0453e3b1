#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, and encoding.h then includes the system's ICU headers, which clash
   with the ICU copy inside Foundation whenever one Swift module sees both. We never touch the ICU
   members (they sit at the end of xmlCharEncodingHandler, which we only handle by pointer), so the
   shim hides them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#endif
