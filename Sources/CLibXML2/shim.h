#ifndef WAYMARK_CLIBXML2_SHIM_H
#define WAYMARK_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU, so encoding.h includes the system's <unicode/*.h>, which
// clashes with the ICU copy inside Foundation. Waymark reads UTF-8 only and never touches
// libxml2's encoding handlers (only pointers to them), so hide the ICU parts of the headers.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

// The parts of libxml2 that WaymarkXML uses: parsing, the tree, errors and XML Schema.
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

// Element line numbers above 65535 live in `psvi` when XML_PARSE_BIG_LINES is on;
// xmlGetLineNo knows where to look.
static inline long waymark_node_line(xmlNodePtr node) {
    return xmlGetLineNo(node);
}

// xmlFree is a global function pointer, which Swift 6 sees as shared mutable state;
// libxml2 sets it once at start-up and never changes it, so call it from C.
static inline void waymark_free(void *pointer) {
    xmlFree(pointer);
}

#endif
