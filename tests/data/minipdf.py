"""A PDF file from object bodies, for make_bad_zoo.sh's hand-made PDFs."""


def write_pdf(path, objects, binary_comment=True):
    """objects: list of bytes bodies; object i+1 is objects[i]; 1 is the catalog."""
    data = bytearray(b"%PDF-1.4\n" + (b"%\xe2\xe3\xcf\xd3\n" if binary_comment else b""))
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        data += b"%010d 00000 n \n" % off
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    open(path, "wb").write(bytes(data))
