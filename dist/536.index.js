export const id = 536;
export const ids = [536];
export const modules = {

/***/ 3536:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   verifyOnlyInput: () => (/* binding */ verifyOnlyInput)
/* harmony export */ });
function verifyOnlyInput(_raw, _opts) {
    throw new Error('not implemented');
}


/***/ })

};
