// Loaded on every page. Page scripts import what they need from api.js; nothing runs inline.
document.documentElement.classList.add('js');
