export const id = 675;
export const ids = [675];
export const modules = {

/***/ 29675:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   pushImage: () => (/* binding */ pushImage)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _lib_oci_reference_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(25996);
/* harmony import */ var _lib_oci_registry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(82534);



async function pushImage(input) {
    const { image, ref, reporter } = input;
    if (!image.blobs || !image.manifestBytes)
        throw new Error('pushImage needs the assembled image');
    const name = (0,_lib_oci_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .formatImageRef */ .kL)(ref);
    const reg = new _lib_oci_registry_js__WEBPACK_IMPORTED_MODULE_1__/* .Registry */ .OR(ref.registry, ref.repository, {
        credentials: input.credentials,
        signal: input.signal
    });
    try {
        let pushed = 0;
        let present = 0;
        // Every blob but the manifest itself, which goes last under the tag.
        for (const b of image.blobs.filter(b => b.digest !== image.digest)) {
            const how = await reg.pushBlob(b.digest, b.file ? { file: b.file } : { data: b.data });
            if (how === 'pushed')
                pushed++;
            else
                present++;
        }
        const digest = await reg.pushManifest(ref.tag ?? 'latest', image.manifestBytes, _lib_oci_registry_js__WEBPACK_IMPORTED_MODULE_1__/* .MEDIA */ .Rn.ociManifest);
        if (digest !== image.digest)
            throw new Error(`the registry stored manifest ${digest}, not ${image.digest}`);
        image.pushed = true;
        reporter.info(`pushed ${name}@${image.digest} (${pushed} blob(s) uploaded, ${present} already there)`);
    }
    catch (err) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BuildError */ .zS(`pushing ${name} failed: ${err.message}`, {
            input: 'image',
            fix: input.credentials
                ? 'check that registry-username/registry-password may push to this repository (ghcr.io: a token with packages: write)'
                : 'give registry-username and registry-password (ghcr.io: the job needs permissions: packages: write, and the token input is used)',
            cause: err
        });
    }
}


/***/ })

};
