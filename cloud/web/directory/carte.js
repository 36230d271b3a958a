/*
 * The directory pages' one script (served at /annuaire/carte.js; the pages work without it).
 * - "Près de moi": reveals its button; a tap asks the position, fills the form's hidden lat/lng
 *   and sends the form.
 * - "Afficher la carte": reveals its button; a tap loads Leaflet and its marker clusters (from
 *   this site, never before), then draws OpenStreetMap tiles and one marker per element of the
 *   page marked data-map-item (data-slug, data-lat, data-lng, data-name): the map shows exactly
 *   what the page lists. window.__directoryMap = { markers: [{ slug, lat, lng }] } once drawn.
 * Words come from the page's data attributes (its catalogue), never from here.
 * __LEAFLET__ is replaced by the versioned folder of Leaflet's files when served.
 */
(function () {
  'use strict';
  var LEAFLET = '__LEAFLET__';

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function loadStyle(href) {
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.appendChild(link);
  }

  var near = document.querySelector('[data-near-me]');
  if (near && 'geolocation' in navigator) {
    near.hidden = false;
    near.addEventListener('click', function () {
      var form = near.form;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          form.elements.lat.value = position.coords.latitude.toFixed(5);
          form.elements.lng.value = position.coords.longitude.toFixed(5);
          if (form.elements.ville) form.elements.ville.value = '';
          form.submit();
        },
        function () {
          near.textContent = near.getAttribute('data-failed');
          near.disabled = true;
        },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
      );
    });
  }

  var button = document.querySelector('[data-map-open]');
  var box = document.querySelector('[data-map]');
  if (!button || !box) return;
  button.hidden = false;

  function items() {
    var found = [];
    var nodes = document.querySelectorAll('[data-map-item]');
    for (var i = 0; i < nodes.length; i += 1) {
      var lat = Number(nodes[i].getAttribute('data-lat'));
      var lng = Number(nodes[i].getAttribute('data-lng'));
      if (isFinite(lat) && isFinite(lng)) found.push({ slug: nodes[i].getAttribute('data-slug'), name: nodes[i].getAttribute('data-name'), lat: lat, lng: lng });
    }
    return found;
  }

  function draw() {
    var L = window.L;
    var map = L.map(box, { scrollWheelZoom: false });
    L.tileLayer('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', {
      maxZoom: 19,
      attribution: '<a href="https://www.openstreetmap.org/copyright">' + button.getAttribute('data-attribution').replace(/[<>&"]/g, '') + '</a>',
    }).addTo(map);
    var group = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
    var list = items();
    list.forEach(function (item) {
      var link = document.createElement('a');
      link.href = '/s/' + encodeURIComponent(item.slug);
      link.textContent = item.name;
      var marker = L.marker([item.lat, item.lng], { title: item.name, slug: item.slug });
      marker.bindPopup(link);
      group.addLayer(marker);
    });
    map.addLayer(group);
    // What the map really holds (read back from the cluster group), for the tests.
    var markers = group.getLayers().map(function (marker) {
      var at = marker.getLatLng();
      return { slug: marker.options.slug, lat: at.lat, lng: at.lng };
    });
    if (list.length === 1) map.setView([list[0].lat, list[0].lng], 15);
    else if (list.length > 1) map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 15 });
    else map.setView([9, 0], 5);
    window.__directoryMap = { map: map, markers: markers };
  }

  button.addEventListener('click', function () {
    button.disabled = true;
    button.textContent = button.getAttribute('data-loading');
    loadStyle(LEAFLET + 'leaflet.css');
    loadStyle(LEAFLET + 'MarkerCluster.css');
    loadStyle(LEAFLET + 'MarkerCluster.Default.css');
    loadScript(LEAFLET + 'leaflet.js')
      .then(function () {
        return loadScript(LEAFLET + 'leaflet.markercluster.js');
      })
      .then(function () {
        box.hidden = false;
        button.hidden = true;
        draw();
      })
      .catch(function () {
        button.textContent = button.getAttribute('data-failed');
      });
  });
})();
