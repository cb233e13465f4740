package org.ruralatlas.server;

import org.springframework.boot.test.context.SpringBootTest;

/** The NTM features on the embedded GeoPackage (survey responses in a SQLite file beside it). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "ruralatlas.surveys.difficulty=8", "ruralatlas.surveys.per-ip-per-hour=5", "ruralatlas.surveys.trusted-proxies=127.0.0.1"})
class GeoPackageNtmTest extends NtmContract {}
