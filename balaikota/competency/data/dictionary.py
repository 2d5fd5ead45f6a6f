"""The competency dictionary seeded on every installation.

Managerial and socio-cultural competencies: the definitions and level descriptions of
PermenPAN-RB 38/2017 (standar kompetensi jabatan ASN), restated; the behavioural indicators are
condensed. The digital-competency framework (six areas) is the platform's own, written for the
work of a city government; admins can edit every text in the back office, and add technical
competencies per OPD.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LevelSpec:
    title: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class CompetencySpec:
    code: str
    kind: str
    name: str
    description: str
    levels: tuple[LevelSpec, LevelSpec, LevelSpec, LevelSpec, LevelSpec]


def L(title: str, *indicators: str) -> LevelSpec:  # noqa: N802 - reads like the table it is
    return LevelSpec(title, indicators)


MANAGERIAL = (
    CompetencySpec(
        "integritas",
        "managerial",
        "Integritas",
        "Konsisten berperilaku selaras dengan nilai, norma, dan etika organisasi; jujur dalam "
        "hubungan dengan pimpinan, rekan kerja, bawahan, dan pemangku kepentingan; bertanggung "
        "jawab atas tindakan dan keputusan beserta risikonya.",
        (
            L(
                "Bertindak sesuai nilai, norma, dan etika organisasi dalam kapasitas pribadi.",
                "Bertingkah laku sesuai dengan perkataan; berkata sesuai dengan fakta.",
                "Melaksanakan peraturan, kode etik organisasi dalam lingkungan kerja sehari-hari.",
            ),
            L(
                "Mengingatkan dan mengajak rekan kerja bertindak sesuai nilai, norma, dan etika.",
                "Mengingatkan rekan kerja untuk bertindak sesuai nilai dan etika organisasi.",
                "Tidak menjanjikan atau memberikan sesuatu yang bertentangan dengan aturan.",
            ),
            L(
                "Memastikan anggota yang dipimpin bertindak sesuai nilai, norma, dan etika.",
                "Memastikan anggota unit kerja memahami dan menaati kode etik.",
                "Memberikan apresiasi dan teguran untuk menumbuhkan kepatuhan.",
            ),
            L(
                "Menciptakan situasi kerja yang membuat rekan, kolega, dan bawahan patuh pada etika.",
                "Menjadi contoh dalam menerapkan etika di lingkungan unit dan instansi.",
                "Mengambil tindakan atas pelanggaran etika secara konsisten.",
            ),
            L(
                "Menjadi teladan penerapan standar keadilan dan etika di tingkat nasional.",
                "Membuat kebijakan yang menegakkan integritas di seluruh instansi.",
                "Menjadi rujukan integritas bagi instansi lain.",
            ),
        ),
    ),
    CompetencySpec(
        "kerja-sama",
        "managerial",
        "Kerja sama",
        "Menjalin, membina, dan mempertahankan hubungan kerja yang efektif; berkomitmen saling "
        "membantu menyelesaikan tugas; mengoptimalkan sumber daya untuk tujuan organisasi.",
        (
            L(
                "Berpartisipasi dalam kelompok kerja.",
                "Menyelesaikan tugas bagiannya dalam tim tepat waktu.",
                "Berbagi informasi yang relevan dengan anggota tim.",
            ),
            L(
                "Menumbuhkan tim kerja yang partisipatif dan efektif.",
                "Membantu orang lain dalam menyelesaikan tugas-tugas mereka.",
                "Berbagi pengalaman, pengetahuan, dan sumber daya dengan anggota tim.",
            ),
            L(
                "Membangun tim kerja yang efektif untuk meningkatkan kinerja organisasi.",
                "Melihat kekuatan dan kelemahan anggota tim dan membagi peran sesuai.",
                "Menyelesaikan perselisihan dalam tim secara konstruktif.",
            ),
            L(
                "Membangun komitmen dan sinergi tim.",
                "Membangun sinergi antarunit kerja di lingkup instansi.",
                "Memfasilitasi kepentingan yang berbeda agar saling melengkapi.",
            ),
            L(
                "Menciptakan kerja sama yang konsisten di dalam dan di luar instansi.",
                "Membangun jejaring kerja sama lintas instansi dan sektor.",
                "Menjadi penghubung kerja sama strategis bagi pemerintah daerah.",
            ),
        ),
    ),
    CompetencySpec(
        "komunikasi",
        "managerial",
        "Komunikasi",
        "Menerangkan pandangan dan gagasan secara jelas, sistematis, dan logis, lisan maupun "
        "tertulis; memastikan pemahaman; mendengarkan secara aktif; meyakinkan orang lain demi "
        "tujuan organisasi.",
        (
            L(
                "Menyampaikan informasi dengan jelas, lengkap, dan dipahami sama.",
                "Menyampaikan informasi secara lisan dan tertulis dengan bahasa yang mudah dipahami.",
                "Mendengarkan dan bertanya untuk memastikan pemahaman.",
            ),
            L(
                "Aktif berkomunikasi secara formal dan informal; menyusun naskah dan laporan.",
                "Menyusun materi presentasi, naskah dinas, dan laporan yang runtut.",
                "Menanggapi pesan dengan respons yang sesuai.",
            ),
            L(
                "Berkomunikasi secara asertif untuk informasi yang sensitif, rumit, atau kompleks.",
                "Menyampaikan informasi yang sensitif dengan cara yang tepat.",
                "Menggunakan gaya komunikasi yang sesuai dengan lawan bicara.",
            ),
            L(
                "Mengemukakan pemikiran multidimensi untuk mendorong kesepakatan.",
                "Meyakinkan pemangku kepentingan dengan data dan argumen.",
                "Memfasilitasi diskusi sampai tercapai kesepakatan.",
            ),
            L(
                "Menggagas sistem komunikasi yang terbuka secara strategis.",
                "Membangun budaya komunikasi terbuka di instansi.",
                "Mewakili instansi dalam komunikasi strategis dengan publik.",
            ),
        ),
    ),
    CompetencySpec(
        "orientasi-pada-hasil",
        "managerial",
        "Orientasi pada hasil",
        "Berkomitmen tinggi menyelesaikan tugas, dapat diandalkan dan bertanggung jawab, serta "
        "sistematis mengenali risiko dan peluang antara perencanaan dan hasil.",
        (
            L(
                "Bertanggung jawab memenuhi standar kerja.",
                "Menyelesaikan tugas sesuai standar dan tepat waktu.",
                "Berinisiatif bekerja lebih baik dari yang diminta.",
            ),
            L(
                "Meningkatkan hasil kerja pribadi melebihi standar; mencoba metode alternatif.",
                "Mencari cara baru untuk memperbaiki hasil kerja.",
                "Memantau kemajuan kerja sendiri terhadap target.",
            ),
            L(
                "Menetapkan target yang menantang bagi unit kerja.",
                "Menetapkan target kinerja unit yang terukur.",
                "Memberikan apresiasi dan teguran untuk mendorong kinerja.",
            ),
            L(
                "Mendorong unit kerja mencapai atau melampaui target.",
                "Memantau dan mengevaluasi kinerja unit secara berkala.",
                "Mengelola sumber daya agar target tercapai.",
            ),
            L(
                "Menyusun kebijakan dengan target kinerja tinggi bagi organisasi.",
                "Menetapkan sasaran strategis instansi yang menantang.",
                "Membangun sistem pengukuran kinerja yang mendorong hasil.",
            ),
        ),
    ),
    CompetencySpec(
        "pelayanan-publik",
        "managerial",
        "Pelayanan publik",
        "Melaksanakan tugas pemerintahan, pembangunan, dan pelayanan publik secara profesional, "
        "transparan, sesuai standar pelayanan yang objektif, netral, dan tidak diskriminatif.",
        (
            L(
                "Menjalankan pelayanan yang telah dibakukan.",
                "Memberikan pelayanan sesuai standar pelayanan yang berlaku.",
                "Bersikap ramah dan tidak membeda-bedakan penerima layanan.",
            ),
            L(
                "Mengawasi dan menjelaskan proses pelayanan publik secara transparan.",
                "Menjelaskan persyaratan dan prosedur layanan dengan jelas.",
                "Menindaklanjuti keluhan penerima layanan.",
            ),
            L(
                "Memanfaatkan kekuatan kelompok serta memperbaiki standar pelayanan di unit kerja.",
                "Mengusulkan perbaikan standar pelayanan berdasarkan umpan balik.",
                "Memastikan unit kerja memenuhi standar pelayanan.",
            ),
            L(
                "Memantau, mengevaluasi, dan mengantisipasi isu jangka panjang pelayanan publik.",
                "Menganalisis hasil survei kepuasan dan pengaduan untuk perbaikan.",
                "Mengantisipasi dampak perubahan kebijakan pada pelayanan.",
            ),
            L(
                "Menciptakan kebijakan pelayanan publik yang objektif, netral, dan tidak diskriminatif.",
                "Merumuskan kebijakan pelayanan lintas OPD.",
                "Menjamin akuntabilitas pelayanan kepada publik.",
            ),
        ),
    ),
    CompetencySpec(
        "pengembangan-diri-dan-orang-lain",
        "managerial",
        "Pengembangan diri dan orang lain",
        "Meningkatkan pengetahuan dan keterampilan diri; menginspirasi, membimbing, dan memberi "
        "umpan balik kepada orang lain agar berkembang; mendorong belajar sepanjang hayat.",
        (
            L(
                "Mengembangkan diri.",
                "Mengikuti pembelajaran untuk meningkatkan kompetensi sendiri.",
                "Meminta umpan balik atas hasil kerjanya.",
            ),
            L(
                "Meningkatkan kemampuan bawahan dengan contoh dan penjelasan cara kerja.",
                "Menjelaskan cara melaksanakan pekerjaan kepada rekan atau bawahan.",
                "Berbagi pengetahuan yang diperoleh dari pelatihan.",
            ),
            L(
                "Memberikan umpan balik dan membimbing.",
                "Memberikan umpan balik yang spesifik dan membangun.",
                "Menjadi coach atau mentor bagi anggota tim.",
            ),
            L(
                "Menyusun program pengembangan jangka panjang.",
                "Menyusun rencana pengembangan kompetensi unit kerja.",
                "Mendorong manajemen pengetahuan di unit kerja.",
            ),
            L(
                "Menciptakan organisasi yang terus belajar.",
                "Membangun sistem pembelajaran berkelanjutan di instansi.",
                "Mengalokasikan sumber daya untuk pengembangan pegawai.",
            ),
        ),
    ),
    CompetencySpec(
        "mengelola-perubahan",
        "managerial",
        "Mengelola perubahan",
        "Menyesuaikan diri dengan situasi baru dan tidak bergantung berlebihan pada cara lama; "
        "mendukung dan memimpin inisiatif perubahan serta memastikan perubahan berhasil.",
        (
            L(
                "Mengikuti perubahan dengan arahan.",
                "Menyesuaikan cara kerja dengan sistem baru setelah diberi arahan.",
                "Mengikuti pelatihan tentang cara kerja baru.",
            ),
            L(
                "Proaktif beradaptasi mengikuti perubahan.",
                "Mencoba aplikasi dan prosedur baru tanpa menunggu diminta.",
                "Menyampaikan kendala perubahan secara konstruktif.",
            ),
            L(
                "Membantu orang lain mengikuti perubahan.",
                "Membantu rekan yang kesulitan beralih ke cara kerja digital.",
                "Mengantisipasi dampak perubahan pada unit kerja.",
            ),
            L(
                "Memimpin perubahan pada unit kerja.",
                "Merencanakan dan memimpin penerapan cara kerja baru di unit.",
                "Mengatasi penolakan terhadap perubahan dengan pendekatan yang tepat.",
            ),
            L(
                "Mengelola perubahan yang bersifat strategis.",
                "Merancang transformasi organisasi dan mengawal pelaksanaannya.",
                "Menjadi sponsor perubahan di tingkat pemerintah daerah.",
            ),
        ),
    ),
    CompetencySpec(
        "pengambilan-keputusan",
        "managerial",
        "Pengambilan keputusan",
        "Membuat keputusan yang baik, tepat waktu, dan dengan keyakinan setelah menimbang "
        "informasi, alternatif, dan konsekuensinya, serta bertanggung jawab atasnya.",
        (
            L(
                "Mengumpulkan informasi untuk bertindak sesuai kewenangan.",
                "Mengumpulkan fakta sebelum bertindak.",
                "Mengambil keputusan sesuai prosedur dan kewenangannya.",
            ),
            L(
                "Menganalisis masalah secara mendalam.",
                "Mengurai masalah menjadi penyebab-penyebabnya.",
                "Menggunakan data untuk memahami masalah.",
            ),
            L(
                "Membandingkan alternatif dan menyeimbangkan risiko.",
                "Menyusun beberapa alternatif beserta untung-ruginya.",
                "Memilih alternatif dengan risiko yang dapat dikelola.",
            ),
            L(
                "Menyelesaikan masalah berisiko tinggi dan memitigasi dampaknya.",
                "Mengantisipasi dampak keputusan dan menyiapkan tindakan pengamanan.",
                "Memutuskan dengan cepat dalam situasi krisis.",
            ),
            L(
                "Menghasilkan solusi strategis yang berdampak luas.",
                "Mengambil keputusan strategis bagi pemerintah daerah.",
                "Menjadikan keputusan sebagai kebijakan yang berkelanjutan.",
            ),
        ),
    ),
)

SOCIOCULTURAL = (
    CompetencySpec(
        "perekat-bangsa",
        "sociocultural",
        "Perekat bangsa",
        "Mempromosikan toleransi, keterbukaan, dan kepekaan terhadap perbedaan; menjadi "
        "perpanjangan tangan pemerintah dalam mempersatukan masyarakat yang majemuk.",
        (
            L(
                "Peka memahami dan menerima kemajemukan.",
                "Memahami dan menghargai perbedaan latar belakang orang lain.",
                "Tidak membeda-bedakan dalam memberikan pelayanan.",
            ),
            L(
                "Aktif mengembangkan sikap saling menghargai dan persatuan.",
                "Menekankan persamaan dalam kerja sama.",
                "Bergaul dengan orang dari berbagai latar belakang.",
            ),
            L(
                "Mempromosikan dan mengembangkan sikap toleransi dan persatuan.",
                "Mendorong anggota unit menghargai perbedaan.",
                "Menengahi perbedaan pendapat secara adil.",
            ),
            L(
                "Mendayagunakan perbedaan secara konstruktif untuk efektivitas organisasi.",
                "Memanfaatkan keragaman tim untuk menghasilkan solusi.",
                "Membangun kebijakan unit yang inklusif.",
            ),
            L(
                "Menjadi wakil pemerintah dalam membangun hubungan sosial psikologis.",
                "Menjadi perekat hubungan antarkelompok masyarakat.",
                "Menyelesaikan konflik sosial dengan pendekatan budaya.",
            ),
        ),
    ),
)

DIGITAL = (
    CompetencySpec(
        "digital-informasi-data",
        "digital",
        "Literasi informasi dan data",
        "Mencari, menilai, mengelola, dan memakai informasi dan data digital untuk pekerjaan "
        "dan pengambilan keputusan.",
        (
            L(
                "Mencari informasi di internet dan di aplikasi kantor dengan bantuan.",
                "Menemukan dokumen kerja di folder bersama.",
                "Membedakan sumber resmi dari yang tidak resmi dengan arahan.",
            ),
            L(
                "Mencari, menyimpan, dan mengelola data kerja sendiri secara mandiri.",
                "Menyusun tabel sederhana di lembar kerja.",
                "Memeriksa kebenaran informasi sebelum membagikannya.",
            ),
            L(
                "Mengolah dan menganalisis data untuk laporan dan keputusan unit.",
                "Membuat ringkasan, grafik, dan tabel pivot dari data layanan.",
                "Menjaga kualitas dan kemutakhiran data unit.",
            ),
            L(
                "Membimbing orang lain mengelola data dan menyusun dasbor.",
                "Merancang dasbor kinerja layanan.",
                "Menerapkan prinsip Satu Data Indonesia di unit kerja.",
            ),
            L(
                "Memimpin tata kelola data instansi.",
                "Menetapkan standar data dan metadata OPD.",
                "Menjadikan data dasar kebijakan pemerintah daerah.",
            ),
        ),
    ),
    CompetencySpec(
        "digital-komunikasi-kolaborasi",
        "digital",
        "Komunikasi dan kolaborasi digital",
        "Berkomunikasi, berbagi, dan bekerja bersama melalui e-office, surel, rapat daring, dan "
        "dokumen bersama dengan etika yang baik.",
        (
            L(
                "Membaca dan mengirim pesan dinas digital dengan bantuan.",
                "Membuka surat di e-office dan membalas surel.",
                "Mengikuti rapat daring yang disiapkan orang lain.",
            ),
            L(
                "Menyusun, memaraf, dan meneruskan naskah dinas di e-office secara mandiri.",
                "Membuat nota dinas dan disposisi di e-office.",
                "Menyunting dokumen bersama tanpa merusak versi orang lain.",
            ),
            L(
                "Mengelola kolaborasi tim secara digital.",
                "Menyelenggarakan rapat daring yang efektif.",
                "Mengatur ruang kerja bersama dan hak akses tim.",
            ),
            L(
                "Membimbing orang lain beralih ke kolaborasi digital.",
                "Melatih rekan memakai e-office dan tanda tangan elektronik.",
                "Menetapkan tata cara kolaborasi digital di unit.",
            ),
            L(
                "Memimpin budaya kerja kolaboratif digital di instansi.",
                "Menghapus proses berbasis kertas di OPD.",
                "Mengintegrasikan kolaborasi lintas OPD.",
            ),
        ),
    ),
    CompetencySpec(
        "digital-konten",
        "digital",
        "Pembuatan konten digital",
        "Membuat dan menyunting dokumen, presentasi, infografis, dan informasi layanan yang "
        "mudah dipahami dan dapat diakses semua orang.",
        (
            L(
                "Mengetik dan menyunting dokumen sederhana dengan bantuan.",
                "Membuat dokumen dengan pengolah kata.",
                "Menyimpan dokumen dalam format yang tepat.",
            ),
            L(
                "Membuat dokumen dan presentasi yang rapi secara mandiri.",
                "Memakai gaya, tabel, dan templat naskah dinas.",
                "Mengubah dokumen menjadi PDF untuk dibagikan.",
            ),
            L(
                "Membuat konten informasi layanan yang menarik dan mudah diakses.",
                "Membuat infografis standar pelayanan.",
                "Menulis dengan bahasa yang mudah dipahami warga.",
            ),
            L(
                "Membimbing orang lain membuat konten yang baik dan aksesibel.",
                "Menyusun pedoman gaya konten unit.",
                "Memeriksa konten terhadap aksesibilitas (teks alternatif, kontras).",
            ),
            L(
                "Memimpin strategi konten digital instansi.",
                "Menetapkan standar komunikasi publik digital OPD.",
                "Menilai dampak konten terhadap pemahaman warga.",
            ),
        ),
    ),
    CompetencySpec(
        "digital-keamanan",
        "digital",
        "Keamanan digital",
        "Melindungi perangkat, akun, data pribadi warga, dan dokumen dinas dari ancaman siber; "
        "mengenali dan melaporkan insiden.",
        (
            L(
                "Memakai kata sandi dan menjaga perangkat dengan arahan.",
                "Tidak membagikan kata sandi kepada siapa pun.",
                "Mengunci layar saat meninggalkan meja.",
            ),
            L(
                "Menjaga akun dan data secara mandiri.",
                "Memakai verifikasi dua langkah (MFA) di akun dinas.",
                "Mengenali surel dan pesan phishing.",
            ),
            L(
                "Melindungi data pribadi warga sesuai UU PDP dalam pekerjaan unit.",
                "Membagikan data pribadi hanya kepada yang berhak.",
                "Melaporkan insiden keamanan dalam waktu singkat.",
            ),
            L(
                "Membimbing orang lain dan menerapkan kebijakan keamanan di unit.",
                "Melatih rekan mengenali rekayasa sosial.",
                "Meninjau hak akses aplikasi unit secara berkala.",
            ),
            L(
                "Memimpin manajemen keamanan informasi instansi.",
                "Menetapkan kebijakan keamanan informasi OPD.",
                "Memimpin penanganan insiden siber.",
            ),
        ),
    ),
    CompetencySpec(
        "digital-pemecahan-masalah",
        "digital",
        "Pemecahan masalah digital",
        "Mengatasi kendala teknis, memilih alat digital yang tepat, dan memakai teknologi untuk "
        "memperbaiki cara kerja.",
        (
            L(
                "Meminta bantuan saat aplikasi bermasalah dan menjelaskan kendalanya.",
                "Menyampaikan pesan galat dengan tangkapan layar.",
                "Memulai ulang aplikasi atau perangkat sebelum melapor.",
            ),
            L(
                "Mengatasi kendala teknis sehari-hari secara mandiri.",
                "Mencari panduan atau tanya jawab untuk menyelesaikan masalah.",
                "Memilih aplikasi yang tepat untuk tugasnya.",
            ),
            L(
                "Mengotomatiskan pekerjaan berulang dengan alat digital.",
                "Memakai rumus dan makro sederhana untuk pekerjaan rutin.",
                "Mengusulkan perbaikan alur kerja dengan teknologi.",
            ),
            L(
                "Membimbing orang lain dan merancang solusi digital unit.",
                "Memetakan proses bisnis untuk digitalisasi.",
                "Menguji aplikasi baru sebelum dipakai unit.",
            ),
            L(
                "Memimpin inovasi digital di instansi.",
                "Menilai kelayakan teknologi baru bagi OPD.",
                "Mengarahkan investasi TIK sesuai kebutuhan layanan.",
            ),
        ),
    ),
    CompetencySpec(
        "digital-layanan-pemerintahan",
        "digital",
        "Layanan pemerintahan digital",
        "Memahami dan menjalankan layanan publik dan administrasi pemerintahan berbasis "
        "elektronik (SPBE): layanan daring, TTE, interoperabilitas, dan pengalaman warga.",
        (
            L(
                "Memakai aplikasi layanan yang ditetapkan dengan arahan.",
                "Memproses permohonan di aplikasi layanan mengikuti panduan.",
                "Mengetahui layanan daring yang tersedia bagi warga.",
            ),
            L(
                "Melayani warga melalui kanal digital secara mandiri.",
                "Membantu warga mengajukan permohonan daring.",
                "Memakai tanda tangan elektronik sesuai kewenangan.",
            ),
            L(
                "Meningkatkan layanan digital unit berdasarkan data dan umpan balik warga.",
                "Menganalisis waktu layanan dan hasil SKM.",
                "Mengusulkan penyederhanaan persyaratan layanan.",
            ),
            L(
                "Merancang layanan digital yang berpusat pada warga.",
                "Memimpin desain ulang layanan dengan metode desain layanan.",
                "Menyambungkan layanan dengan sistem instansi lain.",
            ),
            L(
                "Memimpin transformasi layanan pemerintahan digital.",
                "Menetapkan peta jalan SPBE pemerintah daerah.",
                "Mengukur manfaat transformasi digital bagi warga.",
            ),
        ),
    ),
)

ALL = MANAGERIAL + SOCIOCULTURAL + DIGITAL

#: the digital-readiness questionnaire: statements per digital area, answered on a 1–5 scale
READINESS_SCALE = (
    (1, "Belum bisa"),
    (2, "Bisa dengan bantuan"),
    (3, "Bisa sendiri"),
    (4, "Lancar dan bisa mengatasi masalahnya"),
    (5, "Bisa mengajari atau memimpin orang lain"),
)

READINESS_QUESTIONS: dict[str, tuple[str, ...]] = {
    "digital-informasi-data": (
        "Menemukan dokumen, peraturan, atau data yang saya perlukan untuk bekerja.",
        "Menilai apakah sebuah informasi di internet dapat dipercaya sebelum membagikannya.",
        "Mengolah data di lembar kerja (mengurutkan, menyaring, menjumlah, membuat grafik).",
        "Menyajikan data layanan unit saya sebagai laporan atau dasbor.",
    ),
    "digital-komunikasi-kolaborasi": (
        "Membuat, memaraf, dan meneruskan naskah dinas di e-office.",
        "Mengikuti dan menyelenggarakan rapat daring.",
        "Menyunting satu dokumen bersama rekan kerja pada saat yang sama.",
        "Menjaga etika dan kerahasiaan saat berkomunikasi secara digital.",
    ),
    "digital-konten": (
        "Membuat dokumen dan presentasi yang rapi dengan templat.",
        "Menulis informasi layanan dengan bahasa yang mudah dipahami warga.",
        "Membuat infografis atau poster layanan.",
        "Memastikan konten dapat dibaca penyandang disabilitas (teks alternatif, kontras).",
    ),
    "digital-keamanan": (
        "Memakai kata sandi yang kuat dan verifikasi dua langkah (MFA).",
        "Mengenali surel, tautan, atau pesan WhatsApp penipuan (phishing).",
        "Menangani data pribadi warga sesuai UU Pelindungan Data Pribadi.",
        "Mengetahui kepada siapa dan bagaimana melaporkan insiden keamanan.",
    ),
    "digital-pemecahan-masalah": (
        "Mengatasi kendala aplikasi atau perangkat yang umum terjadi.",
        "Mencari panduan atau bantuan daring untuk menyelesaikan masalah teknis.",
        "Mengotomatiskan pekerjaan berulang (rumus, templat, makro).",
        "Mengusulkan perbaikan alur kerja dengan teknologi.",
    ),
    "digital-layanan-pemerintahan": (
        "Melayani warga melalui aplikasi layanan daring instansi.",
        "Memakai tanda tangan elektronik (TTE) sesuai kewenangan saya.",
        "Membaca data waktu layanan, pengaduan, dan survei kepuasan (SKM).",
        "Merancang perbaikan layanan digital yang berpusat pada warga.",
    ),
}
