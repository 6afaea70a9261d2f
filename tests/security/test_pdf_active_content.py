"""Finding 15: a PDF was stored as it came once it started with %PDF: JavaScript, launch actions and files
hidden inside reached the officers who open it, and its metadata (author, software, dates, XMP) reached the
disk, for WBS too. PDFs with active content or embedded files are refused; metadata is removed."""
import io

import pikepdf
import pytest

from core.storage import UploadError, inspect_upload

MB = 1024 * 1024


def _pdf(build=None) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    pdf.pages[0].Contents = pdf.make_stream(b"BT /F1 12 Tf 20 100 Td (bukti kuitansi) Tj ET")
    if build:
        build(pdf)
    return pdf


def _bytes(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _open_action_js(pdf):
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))


def _named_js(pdf):
    js = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(2)")))
    pdf.Root.Names = pikepdf.Dictionary(JavaScript=pikepdf.Dictionary(Names=[pikepdf.String("a"), js]))


def _launch_link(pdf):
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 50, 50],
        A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")))]))


def _page_open_js(pdf):
    pdf.pages[0].AA = pikepdf.Dictionary(O=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("x()")))


def _embedded_file(pdf):
    pdf.attachments["rahasia.txt"] = pikepdf.AttachedFileSpec(pdf, b"isi tersembunyi")


@pytest.mark.parametrize("build", [_open_action_js, _named_js, _launch_link, _page_open_js])
def test_pdf_with_script_or_launch_refused(build):
    with pytest.raises(UploadError) as err:
        inspect_upload(_bytes(_pdf(build)), "surat.pdf", max_bytes=MB)
    assert "«surat.pdf»" in err.value.message and "skrip" in err.value.message


def test_pdf_with_embedded_file_refused():
    with pytest.raises(UploadError) as err:
        inspect_upload(_bytes(_pdf(_embedded_file)), "surat.pdf", max_bytes=MB)
    assert "sisipan" in err.value.message


def test_pdf_metadata_removed_and_content_kept():
    def with_metadata(pdf):
        pdf.docinfo["/Author"] = "Budi Rahasia"
        pdf.docinfo["/Producer"] = "KantorPC-07"
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:creator"] = ["Budi Rahasia"]
            meta["xmp:CreatorTool"] = "KantorPC-07"

    raw = _bytes(_pdf(with_metadata))
    assert b"Budi Rahasia" in raw and b"KantorPC-07" in raw
    clean = inspect_upload(raw, "surat.pdf", max_bytes=MB)
    assert clean.content_type == "application/pdf"
    assert b"Budi Rahasia" not in clean.data and b"KantorPC-07" not in clean.data
    with pikepdf.open(io.BytesIO(clean.data)) as pdf:
        assert "/Metadata" not in pdf.Root and "/Info" not in pdf.trailer
        assert b"bukti kuitansi" in pdf.pages[0].Contents.read_bytes()


def test_an_ordinary_link_is_fine():
    def uri_link(pdf):
        pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 50, 50],
            A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://jdih.go.id/")))]))

    assert inspect_upload(_bytes(_pdf(uri_link)), "surat.pdf", max_bytes=MB).content_type == "application/pdf"


def test_broken_pdf_refused():
    with pytest.raises(UploadError) as err:
        inspect_upload(b"%PDF-1.7\n" + b"sampah" * 100, "rusak.pdf", max_bytes=MB)
    assert "rusak" in err.value.message


@pytest.mark.parametrize("url", ["/pengaduan/", "/wbs/lapor", "/gratifikasi/lapor"])
def test_upload_forms_say_so(app, client, url):
    from tests.wbs.helpers import make_officer

    with app.app_context():
        make_officer()  # the WBS form is open only once the team has a key
    html = client.get(url).get_data(as_text=True)
    if url == "/gratifikasi/lapor":  # one question per page: the files have their own step
        from tests.gratifikasi.helpers import PENERIMAAN, walk

        html = walk(client, PENERIMAAN, until="lampiran")
    assert "PDF yang berisi skrip atau berkas sisipan ditolak" in html, url
    assert "Metadata foto dan PDF (penulis, perangkat, tanggal, lokasi) dihapus" in html
