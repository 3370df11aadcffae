/*
** fuzz_xml.c - libFuzzer harness of the XML-part readers alone, without the
** zip layer: the first byte selects the format (even: a DOCX document.xml
** through rg_read_docx_xml(), odd: an ODT content.xml through
** rg_read_odt_xml()), the rest is the XML.  Seeds are the document.xml and
** content.xml of the fixtures, prefixed with that byte (make_seeds.sh).
*/
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rg_limits lim;
	rg_doc *doc = NULL;
	const char *xml;
	int rc;

	if (size < 1)
		return 0;
	fuzz_limits(&lim);
	xml = (const char *)data + 1;
	if (data[0] & 1)
		rc = rg_read_odt_xml(xml, size - 1, &lim, &doc);
	else
		rc = rg_read_docx_xml(xml, size - 1, &lim, &doc);
	fuzz_finish_read(rc, doc);
	return 0;
}
