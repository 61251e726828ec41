// Starts GOV.UK Frontend's components once the page has loaded.
window.GOVUKFrontend.initAll();
